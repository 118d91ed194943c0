package dev.roomcast.bench.tyrus;

import dev.roomcast.connection.control.PingRequests;
import dev.roomcast.handshake.control.ConnectionLimitStore;
import dev.roomcast.handshake.control.InMemoryConnectionLimits;
import dev.roomcast.locks.control.LockRequests;
import dev.roomcast.observability.control.HealthRequests;
import dev.roomcast.presence.control.InMemoryPresenceStore;
import dev.roomcast.presence.control.MembershipRequests;
import dev.roomcast.presence.control.PresenceRequests;
import dev.roomcast.presence.control.PresenceStore;
import dev.roomcast.presenter.control.PresenterRequests;
import dev.roomcast.publicrooms.control.InMemoryPublicUsers;
import dev.roomcast.publicrooms.control.PublicRoomRequests;
import dev.roomcast.publicrooms.control.PublicUserStore;
import dev.roomcast.rooms.control.ClientEvents;
import dev.roomcast.rooms.control.HistoryStore;
import dev.roomcast.rooms.control.InMemoryHistory;
import dev.roomcast.rooms.control.RoomRequests;
import dev.roomcast.rooms.control.RoomTargets;
import dev.roomcast.rooms.entity.SweepRound;
import java.util.List;

import dev.roomcast.access.control.BackendCredentials;
import dev.roomcast.access.control.SecurityReport;
import dev.roomcast.cluster.control.ClusterLink;
import dev.roomcast.cluster.control.DeadNodeCleanup;
import dev.roomcast.platform.control.NodeIdentity;
import dev.roomcast.config.control.Settings;
import dev.roomcast.transport.control.TyrusFastPath;
import dev.roomcast.connection.control.Closing;
import dev.roomcast.connection.control.ConnectionLifecycle;
import dev.roomcast.connection.control.IncidentLog;
import dev.roomcast.connection.control.PeerLiveness;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.connection.control.SessionRegistry;
import dev.roomcast.connection.control.Traffic;
import dev.roomcast.connection.entity.Disconnected;
import dev.roomcast.drain.control.NodeDrain;
import dev.roomcast.handshake.control.Admission;
import dev.roomcast.access.control.ClientAddresses;
import dev.roomcast.identity.control.Kicks;
import dev.roomcast.identity.control.TokenAuthentication;
import dev.roomcast.identity.control.TokenCutoffs;
import dev.roomcast.identity.entity.UserDisconnect;
import dev.roomcast.locks.control.LockService;
import dev.roomcast.observability.control.HealthCheck;
import dev.roomcast.presence.control.PresenceBatches;
import dev.roomcast.presence.control.PresenceService;
import dev.roomcast.presenter.control.PresenterService;
import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.sockets.control.RequestDispatcher;
import dev.roomcast.protocol.control.ServerSequence;
import dev.roomcast.handshake.control.ConnectionLimits;
import dev.roomcast.publicrooms.control.IdleCheck;
import dev.roomcast.publicrooms.control.PublicRooms;
import dev.roomcast.rooms.control.ChangeOrder;
import dev.roomcast.rooms.control.Coalescer;
import dev.roomcast.rooms.control.PassThroughEvents;
import dev.roomcast.rooms.control.RoomAssignment;
import dev.roomcast.rooms.control.RoomChanges;
import dev.roomcast.rooms.control.RoomDiff;
import dev.roomcast.rooms.control.LocalDistribution;
import dev.roomcast.rooms.control.RoomEventService;
import dev.roomcast.rooms.control.RoomFanOut;
import dev.roomcast.rooms.control.RoomKinds;
import dev.roomcast.rooms.control.RoomService;
import dev.roomcast.rooms.control.RoomSnapshots;
import dev.roomcast.rooms.control.StateSweeper;
import dev.roomcast.rooms.control.Subscriptions;
import dev.roomcast.rooms.control.InMemoryRoomStore;
import dev.roomcast.identity.control.InMemoryTokenCutoffs;
import dev.roomcast.store.control.RedisConnection;
import dev.roomcast.rooms.control.RoomStore;
import dev.roomcast.identity.control.TokenCutoffStore;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.logging.Logger;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * roomcast's control beans wired by hand, the way CDI wires them in the WAR: the same constructors
 * ({@code @Inject} ones), the same injected fields, the same observers of {@code Closing}, {@code
 * Disconnected} and {@code UserDisconnect}, and the same start-up observers ({@link #start}), for
 * the single-node in-memory store ({@code ROOMCAST_STORE=memory}, what {@code StoreSelection}
 * produces then).
 */
final class Beans {

  private static final Logger LOG = Logger.getLogger(Beans.class.getName());
  private static final Object APPLICATION = new Object();

  final Settings settings = Settings.fromEnvironment();
  // ManagedExecutors: the application's scheduler (2 threads) and the heartbeat's (1 thread)
  final ScheduledExecutorService scheduler = scheduler(2);
  final ScheduledExecutorService heartbeat = scheduler(1);
  // JsonBinding: the application's one JSON-B
  final Jsonb jsonb = JsonbBuilder.create();
  // each component's store producer in memory mode
  final RoomStore store = new InMemoryRoomStore();
  final InMemoryHistory history = new InMemoryHistory(settings.historyLimits(), Clock.systemUTC());
  final PresenceStore presenceStore = new InMemoryPresenceStore();
  final PublicUserStore publicUsers = new InMemoryPublicUsers();
  final ConnectionLimitStore limitStore = new InMemoryConnectionLimits();
  final TokenCutoffStore cutoffStore = new InMemoryTokenCutoffs(Clock.systemUTC());
  final RedisConnection redis = new RedisConnection();
  final RoomRegistry registry = new RoomRegistry();
  final SessionRegistry sessions = new SessionRegistry();
  final MessageCodec codec = new MessageCodec(jsonb);
  final EventIds eventIds = new EventIds();
  final ServerSequence serverSequence = new ServerSequence();
  final IncidentLog incidents = new IncidentLog();
  final Traffic traffic = new Traffic();
  final NodeIdentity node = new NodeIdentity();
  final RoomDiff diff = new RoomDiff(codec);
  final RoomKinds kinds = new RoomKinds(settings);
  final ChangeOrder changeOrder = new ChangeOrder();
  final RoomFanOut fanOut = new RoomFanOut(registry, kinds, codec, eventIds, serverSequence);
  // RoomEventService's choice in memory mode
  final RoomEventService events =
      new RoomEventService(
          fanOut,
          history,
          diff,
          new LocalDistribution(
              fanOut, history, codec, eventIds, Clock.systemUTC(), serverSequence));
  final RoomChanges changes = new RoomChanges(store, events, changeOrder);
  final PassThroughEvents passThrough = new PassThroughEvents(settings);
  final Coalescer coalescer = new Coalescer(events, scheduler, settings);
  final RoomService rooms = new RoomService(store, changes, events, passThrough, coalescer);
  final LockService locks = new LockService(changes, scheduler, settings);
  final PresenterService presenter = new PresenterService(changes);
  final Replies replies = new Replies(codec, serverSequence, eventIds);
  final RoomSnapshots snapshots = new RoomSnapshots(store, history, events, changeOrder);
  final Subscriptions subscriptions =
      new Subscriptions(
          registry, history, events, fanOut, snapshots, replies, kinds, serverSequence, settings);
  final PresenceBatches presenceBatches = new PresenceBatches(events, presenceStore, scheduler, settings);
  final PresenceService presence =
      new PresenceService(presenceStore, events, kinds, presenceBatches);
  final PublicRooms publicRooms = new PublicRooms(publicUsers, rooms, events, presence, settings);
  final ConnectionLimits limits = new ConnectionLimits(limitStore, settings);
  final DeadNodeCleanup cleanup = new DeadNodeCleanup(store, changes, presence);
  final TokenCutoffs cutoffs = new TokenCutoffs(cutoffStore, settings);
  final TokenAuthentication authentication = new TokenAuthentication(settings, cutoffs);
  final ClusterLink cluster = new ClusterLink();
  final Kicks kicks =
      new Kicks(
          registry,
          sessions,
          cutoffs,
          new Observed<UserDisconnect>(
              order -> observe(cluster, "relay", UserDisconnect.class, order)));
  final NodeDrain drain = new NodeDrain();
  final HealthCheck health = new HealthCheck(history, settings, cluster, drain);
  final ConnectionLifecycle lifecycle = new ConnectionLifecycle();
  final Admission admission =
      new Admission(
          lifecycle,
          authentication,
          kicks,
          new RoomAssignment(subscriptions, replies),
          subscriptions,
          limits,
          store,
          cluster,
          drain);
  final RequestDispatcher dispatcher = new RequestDispatcher();
  final TyrusFastPath fastPath = new TyrusFastPath(traffic, incidents, settings);
  final PeerLiveness liveness =
      new PeerLiveness(sessions, traffic, incidents, scheduler, settings);
  final StateSweeper sweeper =
      new StateSweeper(
          events,
          history,
          round -> {
            observe(publicRooms, "purgeExpired", SweepRound.class, round);
            observe(presence, "keepAlive", SweepRound.class, round);
          },
          scheduler,
          settings.sweepInterval(),
          settings.historyLimits().effectiveStreamIdle(),
          Clock.systemUTC());
  final RoomTargets targets = new RoomTargets();
  final ClientEvents clientEvents = new ClientEvents();
  final PingRequests pings = new PingRequests();
  final RoomRequests roomRequests = new RoomRequests();
  final LockRequests lockRequests = new LockRequests();
  final PresenterRequests presenterRequests = new PresenterRequests();
  final MembershipRequests membership = new MembershipRequests();
  final PresenceRequests presenceRequests = new PresenceRequests();
  final PublicRoomRequests publicRoomRequests = new PublicRoomRequests();
  final HealthRequests healthRequests = new HealthRequests();
  final IdleCheck idleCheck = new IdleCheck(sessions, replies, limits, scheduler, settings);
  final SecurityReport securityReport = new SecurityReport();

  Beans() {
    if (!"memory".equals(settings.store())) {
      // one process, no cluster: a Redis store would need ClusterLink's bus and heartbeat too
      throw new IllegalStateException(
          "the bare-Tyrus peer runs the in-memory store only; unset ROOMCAST_STORE (is "
              + settings.store()
              + ")");
    }
    inject(redis, "settings", settings);

    inject(cluster, "settings", settings);
    inject(cluster, "redis", redis);
    inject(cluster, "node", node);
    inject(cluster, "events", events);
    inject(cluster, "cleanup", cleanup);
    inject(cluster, "kicks", kicks);
    inject(cluster, "scheduler", heartbeat);
    inject(cluster, "cleanups", scheduler);
    inject(cluster, "store", store);
    inject(cluster, "serverSequence", serverSequence);

    inject(drain, "sessions", sessions);
    inject(drain, "replies", replies);
    inject(drain, "node", node);
    inject(drain, "settings", settings);
    inject(drain, "cleanup", cleanup);
    inject(drain, "cluster", cluster);

    inject(lifecycle, "sessions", sessions);
    inject(lifecycle, "rooms", registry);
    inject(lifecycle, "replies", replies);
    inject(lifecycle, "serverSequence", serverSequence);
    inject(lifecycle, "settings", settings);
    inject(lifecycle, "node", node);
    inject(lifecycle, "traffic", traffic);
    inject(lifecycle, "incidents", incidents);
    inject(lifecycle, "executor", scheduler);
    inject(
        lifecycle,
        "closing",
        new Observed<Closing>(
            closing -> {
              observe(limits, "onClosing", Closing.class, closing);
              observe(presence, "onClosing", Closing.class, closing);
            }));
    inject(
        lifecycle,
        "disconnected",
        new Observed<Disconnected>(
            gone -> {
              observe(locks, "onDisconnect", Disconnected.class, gone);
              observe(presenter, "onDisconnect", Disconnected.class, gone);
            }));

    inject(targets, "registry", registry);
    inject(clientEvents, "passThrough", passThrough);
    inject(clientEvents, "kinds", kinds);
    inject(clientEvents, "targets", targets);
    inject(clientEvents, "events", events);
    inject(clientEvents, "rooms", rooms);
    inject(clientEvents, "replies", replies);
    inject(pings, "replies", replies);
    for (Object handler :
        List.of(
            roomRequests,
            lockRequests,
            presenterRequests,
            membership,
            presenceRequests,
            publicRoomRequests)) {
      inject(handler, "codec", codec);
    }
    for (Object handler :
        List.of(
            roomRequests,
            lockRequests,
            presenterRequests,
            membership,
            presenceRequests,
            publicRoomRequests,
            healthRequests)) {
      inject(handler, "replies", replies);
    }
    inject(roomRequests, "subscriptions", subscriptions);
    inject(roomRequests, "snapshots", snapshots);
    inject(roomRequests, "targets", targets);
    inject(lockRequests, "targets", targets);
    inject(lockRequests, "locks", locks);
    inject(presenterRequests, "targets", targets);
    inject(presenterRequests, "presenter", presenter);
    inject(membership, "subscriptions", subscriptions);
    inject(membership, "events", events);
    inject(membership, "presence", presence);
    inject(presenceRequests, "targets", targets);
    inject(presenceRequests, "presence", presence);
    inject(publicRoomRequests, "publicRooms", publicRooms);
    inject(healthRequests, "health", health);

    inject(dispatcher, "codec", codec);
    inject(dispatcher, "replies", replies);
    inject(dispatcher, "traffic", traffic);
    inject(dispatcher, "settings", settings);
    inject(dispatcher, "clientEvents", clientEvents);
    observe(
        dispatcher,
        "route",
        Iterable.class,
        List.of(
            pings,
            roomRequests,
            lockRequests,
            presenterRequests,
            membership,
            presenceRequests,
            publicRoomRequests,
            healthRequests));

    inject(securityReport, "settings", settings);
    inject(securityReport, "tokens", authentication);
    inject(securityReport, "credentials", new BackendCredentials(settings));
    inject(securityReport, "addresses", new ClientAddresses(settings));
  }

  /**
   * What {@code @Observes @Initialized(ApplicationScoped.class)} runs in the WAR once the
   * application is up: the settings check, the cluster link (nothing in memory mode), the transport
   * pings, the state sweep, the idle check and the drain on SIGTERM.
   */
  void start() {
    observe(securityReport, "report", Object.class, APPLICATION);
    observe(cluster, "start", Object.class, APPLICATION);
    observe(liveness, "start", Object.class, APPLICATION);
    observe(sweeper, "start", Object.class, APPLICATION);
    observe(idleCheck, "start", Object.class, APPLICATION);
    observe(drain, "started", Object.class, APPLICATION);
    LOG.info("roomcast beans started on node " + node.id());
  }

  private static ScheduledExecutorService scheduler(int threads) {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads);
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /** Calls a package-private CDI observer method, as the container would. */
  static void observe(Object target, String method, Class<?> type, Object event) {
    try {
      Method observer = target.getClass().getDeclaredMethod(method, type);
      observer.setAccessible(true);
      observer.invoke(target, event);
    } catch (InvocationTargetException e) {
      // the container hands an observer's exception to whoever fired the event
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(method + " of " + target + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call " + method + " of " + target, e);
    }
  }

  /** Sets a field CDI would inject. */
  static void inject(Object target, String name, Object value) {
    try {
      Field field = target.getClass().getDeclaredField(name);
      field.setAccessible(true);
      field.set(target, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot inject " + name + " into " + target, e);
    }
  }

  /** A CDI event delivered synchronously to the observers given, as the container does. */
  private static final class Observed<T> implements Event<T> {
    private final Consumer<T> observers;

    Observed(Consumer<T> observers) {
      this.observers = observers;
    }

    @Override
    public void fire(T event) {
      observers.accept(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
      fire(event);
      return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
      return fireAsync(event);
    }

    @Override
    public Event<T> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }
}

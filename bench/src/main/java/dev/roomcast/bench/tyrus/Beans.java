package dev.roomcast.bench.tyrus;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.boundary.TyrusFastPath;
import dev.roomcast.connection.control.ConnectionLifecycle;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.connection.control.SessionRegistry;
import dev.roomcast.connection.entity.Disconnected;
import dev.roomcast.locks.control.LockService;
import dev.roomcast.presenter.control.PresenterService;
import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.control.RequestDispatcher;
import dev.roomcast.rooms.control.PassThroughEvents;
import dev.roomcast.rooms.control.RoomDiff;
import dev.roomcast.rooms.control.RoomEventService;
import dev.roomcast.rooms.control.RoomService;
import dev.roomcast.rooms.control.Subscriptions;
import dev.roomcast.state.control.InMemoryRoomStore;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import dev.roomcast.cluster.control.ClusterLink;
import dev.roomcast.cluster.control.NodeIdentity;
import dev.roomcast.connection.control.Traffic;
import dev.roomcast.connection.control.Closing;
import dev.roomcast.handshake.control.Admission;
import dev.roomcast.identity.control.TokenAuthentication;
import dev.roomcast.observability.control.HealthCheck;
import dev.roomcast.presence.control.PresenceService;
import dev.roomcast.publicrooms.control.ConnectionLimits;
import dev.roomcast.publicrooms.control.PublicRooms;
import dev.roomcast.rooms.control.Coalescer;
import dev.roomcast.rooms.control.RoomAssignment;
import dev.roomcast.rooms.control.RoomChanges;
import dev.roomcast.rooms.control.RoomKinds;
import dev.roomcast.rooms.control.RoomSnapshots;
import java.lang.reflect.Method;
import java.util.function.Consumer;
import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** roomcast's control beans wired by hand, the way CDI wires them in the WAR. */
final class Beans {

  final Settings settings = new Settings();
  final InMemoryRoomStore store = new InMemoryRoomStore();
  final RoomRegistry registry = new RoomRegistry();
  final SessionRegistry sessions = new SessionRegistry();
  final MessageCodec codec = new MessageCodec();
  final EventIds eventIds = new EventIds();
  final RoomDiff diff = new RoomDiff(codec);
  final RoomKinds kinds = new RoomKinds(settings);
  final RoomEventService events =
      new RoomEventService(store, registry, codec, diff, eventIds, kinds);
  final RoomChanges changes = new RoomChanges(store, events);
  final PassThroughEvents passThrough = new PassThroughEvents(settings);
  final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  final Coalescer coalescer = new Coalescer(events, scheduler, settings);
  final RoomService rooms = new RoomService(store, changes, events, passThrough, coalescer);
  final LockService locks = new LockService(changes, scheduler, settings);
  final PresenterService presenter = new PresenterService(changes);
  final Replies replies = new Replies(codec, store, eventIds);
  final RoomSnapshots snapshots = new RoomSnapshots(store, events);
  final Subscriptions subscriptions =
      new Subscriptions(registry, store, events, snapshots, replies, kinds, settings);
  final PresenceService presence = new PresenceService(store, events, kinds);
  final PublicRooms publicRooms = new PublicRooms(store, rooms, events, presence);
  final ConnectionLimits limits = new ConnectionLimits(store, settings);
  final Traffic traffic = new Traffic();
  final NodeIdentity node = new NodeIdentity();
  final ClusterLink cluster = new ClusterLink();
  final HealthCheck health = new HealthCheck(store, settings, cluster);
  final ConnectionLifecycle lifecycle = new ConnectionLifecycle();
  final Admission admission =
      new Admission(
          lifecycle,
          new TokenAuthentication(settings),
          new RoomAssignment(subscriptions, replies),
          subscriptions,
          limits,
          store);
  final RequestDispatcher dispatcher = new RequestDispatcher();
  final TyrusFastPath fastPath = new TyrusFastPath(traffic);

  Beans() {
    inject(cluster, "settings", settings);
    inject(lifecycle, "sessions", sessions);
    inject(lifecycle, "rooms", registry);
    inject(lifecycle, "replies", replies);
    inject(lifecycle, "store", store);
    inject(lifecycle, "settings", settings);
    inject(lifecycle, "node", node);
    inject(lifecycle, "traffic", traffic);
    inject(
        lifecycle,
        "closing",
        new Observed<Closing>(
            closing -> {
              observe(limits, "onClosing", closing);
              observe(presence, "onClosing", closing);
            }));
    inject(
        lifecycle,
        "disconnected",
        new Observed<Disconnected>(
            gone -> {
              locks.releaseAll(gone.sid());
              presenter.clearAll(gone.sid());
            }));
    inject(dispatcher, "codec", codec);
    inject(dispatcher, "replies", replies);
    inject(dispatcher, "registry", registry);
    inject(dispatcher, "subscriptions", subscriptions);
    inject(dispatcher, "rooms", rooms);
    inject(dispatcher, "locks", locks);
    inject(dispatcher, "presenter", presenter);
    inject(dispatcher, "passThrough", passThrough);
    inject(dispatcher, "snapshots", snapshots);
    inject(dispatcher, "health", health);
    inject(dispatcher, "traffic", traffic);
    inject(dispatcher, "presence", presence);
    inject(dispatcher, "publicRooms", publicRooms);
    inject(dispatcher, "kinds", kinds);
    inject(dispatcher, "events", events);
    inject(dispatcher, "settings", settings);
  }

  /** Calls a package-private CDI observer method, as the container would. */
  static void observe(Object target, String method, Object event) {
    try {
      Method observer = target.getClass().getDeclaredMethod(method, event.getClass());
      observer.setAccessible(true);
      observer.invoke(target, event);
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

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
  final RoomEventService events = new RoomEventService(store, registry, codec, diff, eventIds);
  final PassThroughEvents passThrough = new PassThroughEvents(settings);
  final RoomService rooms = new RoomService(store, events, passThrough);
  final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  final LockService locks = new LockService(store, events, scheduler, settings);
  final PresenterService presenter = new PresenterService(store, events);
  final Subscriptions subscriptions = new Subscriptions(registry, store);
  final Replies replies = new Replies(codec, store, eventIds);
  final ConnectionLifecycle lifecycle = new ConnectionLifecycle();
  final RequestDispatcher dispatcher = new RequestDispatcher();
  final TyrusFastPath fastPath = new TyrusFastPath();

  Beans() {
    inject(lifecycle, "sessions", sessions);
    inject(lifecycle, "rooms", registry);
    inject(lifecycle, "replies", replies);
    inject(lifecycle, "store", store);
    inject(lifecycle, "settings", settings);
    inject(lifecycle, "disconnected", new Disconnects());
    inject(dispatcher, "codec", codec);
    inject(dispatcher, "replies", replies);
    inject(dispatcher, "registry", registry);
    inject(dispatcher, "subscriptions", subscriptions);
    inject(dispatcher, "rooms", rooms);
    inject(dispatcher, "locks", locks);
    inject(dispatcher, "presenter", presenter);
    inject(dispatcher, "passThrough", passThrough);
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

  /** The CDI event a closed connection fires, delivered to its two observers. */
  private final class Disconnects implements Event<Disconnected> {
    @Override
    public void fire(Disconnected event) {
      locks.releaseAll(event.sid());
      presenter.clearAll(event.sid());
    }

    @Override
    public <U extends Disconnected> CompletionStage<U> fireAsync(U event) {
      fire(event);
      return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends Disconnected> CompletionStage<U> fireAsync(
        U event, NotificationOptions options) {
      return fireAsync(event);
    }

    @Override
    public Event<Disconnected> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends Disconnected> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends Disconnected> Event<U> select(
        TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }
}

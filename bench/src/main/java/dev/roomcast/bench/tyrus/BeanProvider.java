package dev.roomcast.bench.tyrus;

import dev.roomcast.sockets.boundary.RoomSocket;
import org.glassfish.tyrus.core.ComponentProvider;

/** Lets Tyrus create {@link RoomSocket} instances with the hand-wired beans injected. */
public class BeanProvider extends ComponentProvider {

  // Tyrus instantiates providers through ServiceLoader, so the one set of beans of this process is
  // handed over here by TyrusPeer before the server starts
  static volatile Beans beans;

  @Override
  public boolean isApplicable(Class<?> c) {
    return c == RoomSocket.class;
  }

  @Override
  public <T> Object create(Class<T> c) {
    RoomSocket socket = new RoomSocket();
    Beans.inject(socket, "admission", beans.admission);
    Beans.inject(socket, "lifecycle", beans.lifecycle);
    Beans.inject(socket, "dispatcher", beans.dispatcher);
    Beans.inject(socket, "membership", beans.membership);
    Beans.inject(socket, "executor", beans.scheduler);
    Beans.inject(socket, "settings", beans.settings);
    Beans.inject(socket, "fastPath", beans.fastPath);
    Beans.inject(socket, "incidents", beans.incidents);
    return socket;
  }

  @Override
  public boolean destroy(Object o) {
    return false;
  }
}

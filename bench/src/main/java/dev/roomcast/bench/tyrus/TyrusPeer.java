package dev.roomcast.bench.tyrus;

import dev.roomcast.sockets.boundary.RoomSocket;
import dev.roomcast.rooms.entity.CreateRoom;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Starts roomcast's {@code /ws} endpoint on a standalone Tyrus server at 127.0.0.1. Arguments:
 * port, number of rooms to create ({@code b0}, {@code b1}, ...), as the REST API would.
 */
public final class TyrusPeer {

  private static final Logger LOG = Logger.getLogger(TyrusPeer.class.getName());

  private TyrusPeer() {}

  /** Runs until the process is killed. */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9104;
    int roomCount = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Beans beans = new Beans();
    for (int i = 0; i < roomCount; i++) {
      beans.rooms.create(new CreateRoom("b" + i, null, false, false));
    }
    BeanProvider.beans = beans;
    beans.start();
    new LoopbackTyrus(RoomSocket.class).start("127.0.0.1", port);
    LOG.info("roomcast on Tyrus listening on 127.0.0.1:" + port + " with " + roomCount + " rooms");
    new CountDownLatch(1).await();
  }
}

package dev.roomcast.transport.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roomcast.connection.control.Traffic;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.nio.transport.TCPNIOConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.ssl.SSLUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which way {@link GrizzlyFrameWriter} sends, on a real Grizzly connection reached through objects
 * shaped like Payara's servlet writer, stream and buffers (the field names {@link PayaraRoute}
 * follows).
 */
class GrizzlyFrameWriterTest {

  private final TCPNIOTransport transport = TCPNIOTransportBuilder.newInstance().build();
  private final List<ByteBuffer> viaTyrus = new ArrayList<>();
  private final Traffic traffic = new Traffic();
  private ServerSocketChannel server;
  private SocketChannel channel;

  @AfterEach
  void closeChannels() throws Exception {
    for (java.io.Closeable open : new java.io.Closeable[] {channel, server}) {
      if (open != null) {
        open.close();
      }
    }
  }

  @Test
  void aConnectionCarryingTlsStaysOnTyrusWriterAboveTheTlsFilter_B11() throws Exception {
    Connection<?> connection = connection();
    SSLUtils.setSSLEngine(connection, SSLContext.getDefault().createSSLEngine());
    GrizzlyFrameWriter writer = writerOver(connection);

    writer.write(ByteBuffer.wrap(new byte[] {1}), failure -> {});
    writer.write(ByteBuffer.wrap(new byte[] {2}), failure -> {});

    assertEquals(2, viaTyrus.size(), "both writes through Tyrus's writer");
    assertEquals(
        Map.of("portable", 0L, "tyrusWriter", 1L, "grizzlyQueue", 0L), traffic.secureWritePaths());
    assertEquals(0L, traffic.writePaths().get("grizzlyQueue"));
  }

  @Test
  void aPlainConnectionGoesIntoGrizzlysQueue() throws Exception {
    GrizzlyFrameWriter writer = writerOver(connection());

    List<Throwable> outcomes = new ArrayList<>();
    writer.write(ByteBuffer.wrap(new byte[] {1}), outcomes::add);

    assertEquals(java.util.Collections.singletonList(null), outcomes, "written by the queue");
    assertEquals(List.of(), viaTyrus, "not through Tyrus's writer");
    assertEquals(1L, traffic.writePaths().get("grizzlyQueue"));
    assertEquals(0L, traffic.secureWritePaths().get("grizzlyQueue"));
  }

  /** A Grizzly connection on a socket connected to a listener on 127.0.0.1, never read. */
  private Connection<?> connection() throws Exception {
    server =
        ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    channel = SocketChannel.open(server.getLocalAddress());
    return new TCPNIOConnection(transport, channel);
  }

  private GrizzlyFrameWriter writerOver(Connection<?> connection) {
    ServletWriter servletWriter = new ServletWriter();
    servletWriter.servletOutputStream = new ServletStream();
    servletWriter.servletOutputStream.ob = new CatalinaBuffer();
    servletWriter.servletOutputStream.ob.grizzlyOutputBuffer = new GrizzlyBuffer();
    servletWriter.servletOutputStream.ob.grizzlyOutputBuffer.connection = connection;
    return new GrizzlyFrameWriter(
        servletWriter, (frames, done) -> viaTyrus.add(frames), new PayaraRoute(), traffic);
  }

  // the shapes PayaraRoute follows: servlet writer, servlet stream, catalina and Grizzly buffers
  static final class ServletWriter {
    ServletStream servletOutputStream;
  }

  static final class ServletStream {
    CatalinaBuffer ob;
  }

  static final class CatalinaBuffer {
    GrizzlyBuffer grizzlyOutputBuffer;
  }

  static final class GrizzlyBuffer {
    Connection<?> connection;
  }
}

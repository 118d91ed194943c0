package dev.roomcast.transport.control;

import dev.roomcast.connection.control.FrameGuard;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The servlet input stream Tyrus reads a connection's frames from, with a {@link FrameGuard} in
 * between: a refused frame never reaches Tyrus (which would buffer it whole, up to its incoming
 * buffer size, and neither checks masking nor closes with 1009 at the header); from then on Tyrus
 * reads nothing, and the connection is closed with the guard's code.
 */
final class GuardedInput extends ServletInputStream {

  private final ServletInputStream input;
  private final FrameGuard guard;
  private final Consumer<FrameGuard.Violation> refuse;

  GuardedInput(ServletInputStream input, FrameGuard guard, Consumer<FrameGuard.Violation> refuse) {
    this.input = input;
    this.guard = guard;
    this.refuse = refuse;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    if (guard.violation() != null) {
      return 0;
    }
    int read = input.read(bytes, offset, length);
    if (read <= 0) {
      return read;
    }
    int passed = guard.inspect(bytes, offset, read);
    FrameGuard.Violation violation = guard.violation();
    if (violation != null) {
      refuse.accept(violation);
    }
    return passed;
  }

  @Override
  public int read(byte[] bytes) throws IOException {
    return read(bytes, 0, bytes.length);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int read = read(one, 0, 1);
    return read == 1 ? one[0] & 0xff : read == 0 ? -1 : read;
  }

  @Override
  public int available() throws IOException {
    return guard.violation() != null ? 0 : input.available();
  }

  @Override
  public boolean isFinished() {
    return input.isFinished();
  }

  @Override
  public boolean isReady() {
    // after a refusal Tyrus must stop reading; the close that follows ends the connection
    return guard.violation() == null && input.isReady();
  }

  @Override
  public void setReadListener(ReadListener listener) {
    input.setReadListener(listener);
  }

  @Override
  public void close() throws IOException {
    input.close();
  }
}

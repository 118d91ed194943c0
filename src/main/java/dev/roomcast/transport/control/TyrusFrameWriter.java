package dev.roomcast.transport.control;

import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

/**
 * Writes complete, pre-built frames to a Tyrus connection's transport writer, the layer under
 * Tyrus's frame encoder. Loaded only once {@link TyrusFastPath} found Tyrus, so no other container
 * ever links against its SPI.
 */
final class TyrusFrameWriter implements TyrusFastPath.RawWriter {

  private final Writer writer;

  TyrusFrameWriter(Object writer) {
    this.writer = (Writer) writer;
  }

  @Override
  public void write(ByteBuffer frames, Consumer<Throwable> done) {
    writer.write(frames, new Completion(done));
  }

  /** Reports the write's outcome once, whichever of Tyrus's callbacks comes first. */
  private static final class Completion extends CompletionHandler<ByteBuffer> {

    private final WriteOutcome outcome;

    Completion(Consumer<Throwable> done) {
      this.outcome = new WriteOutcome(done);
    }

    @Override
    public void completed(ByteBuffer result) {
      outcome.report(null);
    }

    @Override
    public void failed(Throwable throwable) {
      outcome.report(throwable);
    }

    @Override
    public void cancelled() {
      outcome.report(new CancellationException("write cancelled"));
    }
  }
}

package dev.roomcast.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.ClientRequest;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

  private final MessageCodec codec = new MessageCodec(JsonbBuilder.create());

  @Test
  void readsTheEnvelopeAndBindsData_F3_5() {
    ClientEnvelope envelope =
        codec.decode(
            "{\"type\":\"lock:acquire\",\"room\":\"room:r1\",\"clientOpId\":\"7\","
                + "\"data\":{\"msg\":\"Uploading\",\"ttlSeconds\":5}}");
    assertEquals("lock:acquire", envelope.type());
    assertEquals("room:r1", envelope.room());
    assertEquals("7", envelope.clientOpId());
    ClientRequest.LockAcquire request =
        codec.bind(envelope.data(), ClientRequest.LockAcquire.class);
    assertEquals("Uploading", request.msg());
    assertEquals(5, request.ttlSeconds());
  }

  @Test
  void rejectsBadInputWithCodes_F2_5() {
    assertEquals(ErrorCode.INVALID_JSON, code("{not json"));
    assertEquals(ErrorCode.INVALID_REQUEST, code("[1,2]"));
    assertEquals(ErrorCode.INVALID_REQUEST, code("{\"data\":{}}"));
    assertEquals(ErrorCode.INVALID_REQUEST, code("{\"type\":5}"));
    assertEquals(ErrorCode.INVALID_REQUEST, code("{\"type\":\"join\",\"data\":[1]}"));
    ClientEnvelope wrongType =
        codec.decode("{\"type\":\"lock:acquire\",\"data\":{\"ttlSeconds\":\"x\"}}");
    assertEquals(
        ErrorCode.INVALID_REQUEST,
        assertThrows(
                RequestRejected.class,
                () -> codec.bind(wrongType.data(), ClientRequest.LockAcquire.class))
            .code());
  }

  @Test
  void missingTypeStillNamesTheRequest_F2_5() {
    MessageCodec.RejectedWithOpId rejected =
        assertThrows(
            MessageCodec.RejectedWithOpId.class, () -> codec.decode("{\"clientOpId\":\"op-1\"}"));
    assertEquals("op-1", rejected.clientOpId());
  }

  private ErrorCode code(String frame) {
    return assertThrows(RequestRejected.class, () -> codec.decode(frame)).code();
  }

  @Test
  void deeplyNestedInputIsInvalidJson_B3() {
    String deep = "{\"type\":\"x\",\"data\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001);
    assertEquals(
        ErrorCode.INVALID_JSON,
        assertThrows(RequestRejected.class, () -> codec.decode(deep)).code());
  }
}

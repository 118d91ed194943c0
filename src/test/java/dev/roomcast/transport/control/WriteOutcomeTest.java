package dev.roomcast.transport.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteOutcomeTest {

  @Test
  void aFailureAfterACompletionIsNotReportedAgain_B2() {
    List<Throwable> reports = new ArrayList<>();
    WriteOutcome outcome = new WriteOutcome(reports::add);
    outcome.report(null);
    outcome.report(new IOException("late"));
    assertEquals(1, reports.size(), "the outbox resumes once per write");
    assertNull(reports.get(0));
  }

  @Test
  void aFailureIsReportedAsItCame_B2() {
    List<Throwable> reports = new ArrayList<>();
    IOException failure = new IOException("gone");
    new WriteOutcome(reports::add).report(failure);
    assertEquals(List.of(failure), reports);
  }
}

package dev.ergon;

import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.testing.TraceMeter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A child JVM for the process tests: opens a monitor on a ledger with a meter drawing about 100 W, opens a job and
 * then ends the way it is told ({@code return}: main returns with the job open; {@code exit}: System.exit(3) with the
 * job open; {@code wait}: runs until killed). Prints "OPEN id" once the job is open.
 */
public final class MonitorChild {
  private MonitorChild() {}

  /**
   * Runs the child.
   *
   * @param args ledger path, mode, checkpoint period (ISO or e.g. 1s)
   * @throws Exception never expected
   */
  public static void main(String[] args) throws Exception {
    Path ledgerPath = Path.of(args[0]);
    String mode = args[1];
    TraceMeter meter = new TraceMeter("trace", TraceMeter.counters(1, 0));
    EnergyMonitor monitor = EnergyMonitor.builder().configuration(Configuration.empty())
        .providers(List.of(meter.provider(1))).ledger(JsonLinesLedger.open(ledgerPath))
        .samplingPeriod(Duration.ofMillis(100)).checkpointPeriod(Duration.parse(args[2])).build();
    Job job = monitor.start("child-job");
    job.addUnits(7);
    for (int i = 0; i < 300; i++) { // exactly 0.3 J before the parent acts, however slow the machine
      meter.advance(0, 1_000);
      Thread.sleep(1);
    }
    System.out.println("OPEN " + job.id());
    System.out.flush();
    if (mode.equals("wait")) {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (System.nanoTime() < deadline) {
        meter.advance(0, 1_000); // about 1 W until killed
        Thread.sleep(1);
      }
    }
    if (mode.equals("exit")) {
      System.exit(3);
    }
    // "return": main ends with the job and the monitor open; the JVM exits, the hook closes the job.
  }
}

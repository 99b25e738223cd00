package dev.ergon.ledger.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.accounting.ReportFormat;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.sci.Sci;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ledger.LedgerReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report from a database ledger is the report from the same records in a file, byte for byte: what
 * {@code ergon report --ledger jdbc:...} and {@code ergon report --ledger FILE} print.
 */
class ReportEqualityIT {
  @TempDir Path dir;

  @Test
  void sameReportByteForByteFromFileAndDatabase() throws Exception {
    PostgresServer pg = PostgresServer.shared();
    pg.createDatabase("report");
    JdbcLedgerSettings owner = JdbcLedgerSettings.of(pg.url("report"), PostgresServer.ADMIN,
        PostgresServer.ADMIN_PASSWORD, dir.resolve("s.jsonl")).withMigrate(true);
    Path file = dir.resolve("ledger.jsonl");
    try (JdbcLedger db = JdbcLedger.open(owner); JsonLinesLedger f = JsonLinesLedger.open(file)) {
      for (int n = 0; n < 300; n++) {
        EnergyRecord cp = TestRecords.job(5, n, 5, 2, RecordStatus.OPEN);
        db.append(cp);
        f.append(cp);
        if (n % 10 != 0) { // every tenth job never closes: dangling, reported partial
          EnergyRecord fin = TestRecords.job(5, n, 5, 5, RecordStatus.COMPLETE);
          db.append(fin);
          f.append(fin);
        }
      }
      List<EnergyRecord> fromFile = LedgerReader.read(List.of(file), true).records();
      List<EnergyRecord> fromDb = db.records();
      for (ReportFormat format : ReportFormat.values()) {
        String a = format.toString(Scope2.calculator(EmissionFactors.bundled()).pue(1.2).calculate(fromFile));
        String b = format.toString(Scope2.calculator(EmissionFactors.bundled()).pue(1.2).calculate(fromDb));
        assertEquals(a, b, format.name());
        assertTrue(a.length() > 200, a);
        String sa = format.toString(Sci.calculator(EmissionFactors.bundled()).calculate(fromFile));
        String sb = format.toString(Sci.calculator(EmissionFactors.bundled()).calculate(fromDb));
        assertEquals(sa, sb, format.name());
      }
    }
  }
}

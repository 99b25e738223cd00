package dev.ergon.accounting.cells;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.accounting.RecordFixture;
import dev.ergon.accounting.ReportFormat;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.sci.Sci;
import dev.ergon.accounting.sci.SciCalculator;
import dev.ergon.accounting.scope2.Instruments;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Calculator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cells are mergeable: records split into random parts (whole job trees, with their duplicate copies), each part
 * aggregated on its own and the parts merged in random order give exactly the report of one pass over all records
 * (the JSON text compared byte for byte), and the same report as from the records except the input digest.
 */
class CellsMergePropertiesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final String[] REGIONS = {"DE", "FR", "de"};
  private static final List<RecordStatus> STATUSES =
      List.of(RecordStatus.COMPLETE, RecordStatus.PARTIAL, RecordStatus.NO_METER, RecordStatus.OPEN);

  @TempDir static Path dir;
  private static Scope2Calculator scope2;
  private static SciCalculator sci;

  @BeforeAll
  static void calculators() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit,uncertainty
        DE,2026,location,400,g/kWh,5%
        DE,2026-03-01T05:00Z,location,380,g/kWh,
        FR,2026,location,60,g/kWh,10%
        WORLD,2026,location,475,g/kWh,20%
        DE,2026,residual_mix,700,g/kWh,3%
        """);
    Path i = dir.resolve("i.csv");
    Files.writeString(i, """
        id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,technology,retired,retired_for
        GO-1,go,DE,2026-01-01,2026-12-31,0.0015,0,g/kWh,wind,true,ACME
        """);
    EmissionFactors factors = EmissionFactors.readTable(f);
    scope2 = Scope2.calculator(factors).instruments(Instruments.load(i)).reportingEntity("ACME").pue(1.2)
        .pueForHost("h1", 1.1);
    sci = Sci.calculator(factors).pue(1.2).functionalUnit("request", 1000);
  }

  @Test
  void partsMergedInAnyOrderGiveTheReportOfOnePass() {
    qt().withExamples(60).forAll(integers().between(0, 1_000_000), integers().between(1, 6))
        .checkAssert((seed, parts) -> {
          Random random = new Random(seed);
          List<List<EnergyRecord>> trees = trees(random);
          List<EnergyRecord> all = trees.stream().flatMap(List::stream).collect(Collectors.toList());
          List<List<EnergyRecord>> split = new ArrayList<>();
          for (int p = 0; p < parts; p++) {
            split.add(new ArrayList<>());
          }
          for (List<EnergyRecord> t : trees) {
            split.get(random.nextInt(parts)).addAll(t);
          }
          List<ConsumptionCells> cells = new ArrayList<>();
          for (List<EnergyRecord> part : split) {
            Collections.shuffle(part, random);
            cells.add(ConsumptionCells.of(part));
          }
          Collections.shuffle(cells, random);
          ConsumptionCells merged = ConsumptionCells.EMPTY;
          for (ConsumptionCells c : cells) {
            merged = random.nextBoolean() ? merged.plus(c) : c.plus(merged);
          }
          ConsumptionCells onePass = ConsumptionCells.of(all);
          assertEquals(onePass, merged);
          assertEquals(onePass.digest(), merged.digest());
          String fromCells = ReportFormat.JSON.toString(scope2.calculate(onePass));
          assertEquals(fromCells, ReportFormat.JSON.toString(scope2.calculate(merged)));
          assertEquals(ReportFormat.JSON.toString(sci.calculate(onePass)),
              ReportFormat.JSON.toString(sci.calculate(merged)));
          String fromRecords = ReportFormat.JSON.toString(scope2.calculate(all));
          assertEquals(withoutDigest(fromRecords), withoutDigest(fromCells));
          assertNotEquals(fromRecords, fromCells, "the input digests differ: records vs cells");
          assertEquals(withoutDigest(ReportFormat.JSON.toString(sci.calculate(all))),
              withoutDigest(ReportFormat.JSON.toString(sci.calculate(onePass))));
        });
  }

  private static String withoutDigest(String json) {
    return json.replaceAll("\"input_digest\"\\s*:\\s*\"sha256:[0-9a-f]+\"", "\"input_digest\":\"-\"");
  }

  /* Job trees: a root, sometimes with children and a grandchild, sometimes repeated; sometimes an orphan. */
  private static List<List<EnergyRecord>> trees(Random random) {
    List<List<EnergyRecord>> trees = new ArrayList<>();
    int n = 1 + random.nextInt(10);
    for (int t = 0; t < n; t++) {
      List<EnergyRecord> tree = new ArrayList<>();
      Instant start = T0.plus(random.nextInt(30), ChronoUnit.HOURS)
          .plus(random.nextInt(4) == 0 ? random.nextInt(60) : 0, ChronoUnit.MINUTES);
      String id = String.format("r%02d", t);
      int hours = 1 + random.nextInt(3);
      RecordFixture root = common(random, record(id), start, hours);
      if (random.nextInt(6) == 0) {
        root.parent("missing-parent");
      }
      int children = random.nextInt(5) < 2 ? 1 + random.nextInt(3) : 0;
      if (children == 0 && random.nextInt(5) == 0) {
        root = common(random, record(id), start, 0).noBuckets(Duration.ofMinutes(1 + random.nextInt(180)))
            .micro(random.nextInt(1_000_000_000));
      }
      EnergyRecord r = root.build();
      tree.add(r);
      if (random.nextInt(5) == 0) {
        tree.add(r);
      }
      for (int c = 0; c < children; c++) {
        String cid = id + "-c" + c;
        tree.add(common(random, record(cid), start, 1 + random.nextInt(hours)).parent(id).build());
        if (random.nextBoolean()) {
          tree.add(common(random, record(cid + "-g"), start, 1).parent(cid).build());
        }
      }
      trees.add(tree);
    }
    return trees;
  }

  private static RecordFixture common(Random random, RecordFixture f, Instant start, int hours) {
    long[] micro = new long[hours];
    for (int h = 0; h < hours; h++) {
      micro[h] = random.nextInt(8) == 0 ? 0 : (long) (random.nextDouble() * 2e12);
    }
    int region = random.nextInt(REGIONS.length + 1);
    f.region(region == REGIONS.length ? null : REGIONS[region]).start(start.toString()).micro(micro)
        .uncertainty(0.01 * random.nextInt(10)).host("h" + random.nextInt(3)).units(random.nextInt(1000))
        .method(random.nextInt(4) == 0 ? Method.MODEL : Method.COUNTER)
        .status(random.nextInt(3) == 0 ? STATUSES.get(random.nextInt(STATUSES.size())) : RecordStatus.COMPLETE);
    f.tags(random.nextInt(6) == 0 ? new String[] {"energy.level", "facility", "team", "t" + random.nextInt(3)}
        : new String[] {"team", "t" + random.nextInt(3)});
    return f;
  }
}

package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ergon.CarbonIntensity;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.ReportFormat;
import dev.ergon.accounting.ReportingPeriod;
import dev.ergon.accounting.RecordFixture;
import dev.ergon.accounting.factors.EmissionFactors;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Invariants of the Scope 2 calculation over generated records and instruments: no instrument is used beyond its
 * volume; covered plus uncovered equals consumption; totals are additive over disjoint record sets; the report does
 * not depend on the order of the records.
 */
class AllocationPropertiesTest {

  private static final String[] PLACES = {"DE", "FR", "SE-SE3", "US-CAL-CISO", "NO-NO1"};
  private static final String[] MARKETS = {"DE", "EEA", "FR", "US", "SE", "NO"};
  private static final InstrumentType[] TYPES = {InstrumentType.GO, InstrumentType.PPA, InstrumentType.SUPPLIER_RATE,
      InstrumentType.REC, InstrumentType.DIRECT_LINE};
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  EmissionFactors factors;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("factors.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit,uncertainty
        DE,2026,location,400,g/kWh,5%
        DE,2026,residual_mix,600,g/kWh,0.1
        FR,2026,location,50,g/kWh,
        FR,2026-01-01T05:00Z,location,80,g/kWh,0.2
        SE,2026,location,20,g/kWh,
        US-CAL-CISO,2026,location,200,g/kWh,
        US,2026,residual_mix,450,g/kWh,
        NO,2026,location,30,g/kWh,
        """);
    factors = EmissionFactors.readTable(f);
  }

  /** Energies in µJ (each up to ~0.8 kWh), a layout seed, and instrument volumes in µJ. */
  private static Gen<List<Long>> energies() {
    return lists().of(longs().between(0, 3_000_000_000_000L)).ofSizeBetween(1, 30);
  }

  private static Gen<List<Long>> volumes() {
    return lists().of(longs().between(0, 20_000_000_000_000L)).ofSizeBetween(0, 5);
  }

  static List<EnergyRecord> records(List<Long> energies, int seed) {
    List<EnergyRecord> out = new ArrayList<>();
    int i = 0;
    int n = 0;
    while (i < energies.size()) {
      int hours = 1 + Math.floorMod(seed + n * 5, 3);
      List<Long> chunk = energies.subList(i, Math.min(energies.size(), i + hours));
      long[] micro = new long[chunk.size()];
      for (int k = 0; k < micro.length; k++) {
        micro[k] = chunk.get(k);
      }
      Instant start = T0.plus(Math.floorMod(seed * 31 + n * 7, 48), ChronoUnit.HOURS);
      RecordFixture r = record(String.format("rec-%03d", n)).region(PLACES[Math.floorMod(seed + n, PLACES.length)])
          .start(start.toString()).micro(micro).uncertainty(0.01 * Math.floorMod(seed + n, 7))
          .tags("team", "t" + Math.floorMod(n, 3)).host("h" + Math.floorMod(n + seed, 2));
      out.add(r.build());
      i += hours;
      n++;
    }
    return out;
  }

  static Instruments instruments(List<Long> volumes, int seed, boolean hourly) {
    List<Instrument> out = new ArrayList<>();
    for (int k = 0; k < volumes.size(); k++) {
      InstrumentType type = TYPES[Math.floorMod(seed + k, TYPES.length)];
      String market = MARKETS[Math.floorMod(seed * 3 + k, MARKETS.length)];
      Energy volume = Energy.ofMicrojoules(volumes.get(k));
      Map<Instant, Energy> profile = new TreeMap<>();
      if (hourly && type != InstrumentType.SUPPLIER_RATE) {
        // spread the volume over 4 hours, the last taking the remainder, so the profile sums to the volume exactly
        long v = volumes.get(k);
        long part = v / 4;
        for (int h = 0; h < 4; h++) {
          Instant hour = T0.plus(Math.floorMod(seed + 11 * h + k, 48), ChronoUnit.HOURS);
          profile.merge(hour, Energy.ofMicrojoules(h == 3 ? v - 3 * part : part), Energy::plus);
        }
      }
      out.add(new Instrument("ins-" + k, type, market, T0, T0.plus(365, ChronoUnit.DAYS), volume,
          CarbonIntensity.ofGramsPerKilowattHour(10.0 * Math.floorMod(seed + k, 4)), "wind", true, "ACME", "",
          new TreeMap<>(profile), "test"));
    }
    return Instruments.of(out);
  }

  private Scope2Calculator calculator(Matching matching) {
    return Scope2.calculator(factors).reportingEntity("ACME").reportingPeriod(ReportingPeriod.ofYear(2026))
        .pue(1.3).matching(matching);
  }

  @Test
  void noInstrumentIsUsedBeyondItsVolumeAndCoveredPlusUncoveredIsConsumption() {
    for (Matching matching : Matching.values()) {
      qt().withExamples(60).forAll(energies(), integers().between(0, 10_000), volumes())
          .checkAssert((energies, seed, volumes) -> {
            Scope2Report r = calculator(matching).instruments(instruments(volumes, seed, matching == Matching.HOURLY))
                .calculate(records(energies, seed));
            BigInteger usedTotal = BigInteger.ZERO;
            for (InstrumentUse u : r.instruments()) {
              Energy volume = u.instrument().volume();
              if (volume != null) {
                assertTrue(u.used().compareTo(volume) <= 0, () -> u + " exceeds its volume");
                assertEquals(volume, u.used().plus(java.util.Objects.requireNonNull(u.unused())));
              }
              usedTotal = usedTotal.add(u.used().toBigMicrojoules());
            }
            BigInteger covered = BigInteger.ZERO;
            BigInteger cells = BigInteger.ZERO;
            for (Scope2Cell c : r.cells()) {
              assertTrue(c.covered().compareTo(c.consumption()) <= 0);
              assertEquals(c.consumption(), c.covered().plus(c.uncovered()));
              covered = covered.add(c.covered().toBigMicrojoules());
              cells = cells.add(c.consumption().toBigMicrojoules());
            }
            assertEquals(usedTotal, covered, "instruments' use equals the cells' coverage");
            assertEquals(r.consumption().consumption().toBigMicrojoules(), cells);
            BigInteger coverage = BigInteger.ZERO;
            for (CoverageLine c : r.coverage()) {
              coverage = coverage.add(c.energy().toBigMicrojoules());
            }
            assertEquals(cells, coverage, "coverage lines partition the consumption");
          });
    }
  }

  @Test
  void totalsAreAdditiveOverDisjointRecordSets() {
    qt().withExamples(100).forAll(energies(), integers().between(0, 10_000)).checkAssert((energies, seed) -> {
      List<EnergyRecord> all = records(energies, seed);
      List<EnergyRecord> a = new ArrayList<>();
      List<EnergyRecord> b = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        (i % 2 == 0 ? a : b).add(all.get(i));
      }
      Scope2Report whole = calculator(Matching.ANNUAL).calculate(all);
      Scope2Report ra = calculator(Matching.ANNUAL).calculate(a);
      Scope2Report rb = b.isEmpty() ? null : calculator(Matching.ANNUAL).calculate(b);
      double loc = ra.locationBased().value().toGrams() + (rb == null ? 0 : rb.locationBased().value().toGrams());
      double mkt = ra.marketBased().value().toGrams() + (rb == null ? 0 : rb.marketBased().value().toGrams());
      assertEquals(loc, whole.locationBased().value().toGrams(), 1e-9 * Math.max(1, loc));
      assertEquals(mkt, whole.marketBased().value().toGrams(), 1e-9 * Math.max(1, mkt));
      Energy e = ra.consumption().consumption().plus(rb == null ? Energy.ZERO : rb.consumption().consumption());
      assertEquals(e, whole.consumption().consumption(), "consumption adds exactly");
    });
  }

  @Test
  void theReportDoesNotDependOnTheOrderOfTheRecords() {
    qt().withExamples(50).forAll(energies(), integers().between(0, 10_000), volumes())
        .checkAssert((energies, seed, volumes) -> {
          List<EnergyRecord> records = records(energies, seed);
          List<EnergyRecord> shuffled = new ArrayList<>(records);
          Collections.reverse(shuffled);
          Collections.rotate(shuffled, seed);
          Scope2Calculator c = calculator(Matching.ANNUAL).instruments(instruments(volumes, seed, false));
          Scope2Report one = c.calculate(records);
          Scope2Report two = c.calculate(shuffled);
          assertEquals(one, two);
          assertEquals(one.inputDigest(), two.inputDigest());
          assertEquals(ReportFormat.JSON.toString(one), ReportFormat.JSON.toString(two));
        });
  }

  @Test
  void anInstrumentSmallerThanTheConsumptionInItsMarketIsUsedExactlyToTheMicrojoule() {
    qt().withExamples(100).forAll(lists().of(longs().between(1, 3_000_000_000_000L)).ofSizeBetween(2, 40),
        longs().between(1, 999_999)).checkAssert((energies, permille) -> {
          long[] micro = energies.stream().mapToLong(Long::longValue).toArray();
          List<EnergyRecord> records = List.of(record("r").region("DE").start(T0.toString()).micro(micro).build());
          Scope2Report plain = calculator(Matching.ANNUAL).calculate(records);
          BigInteger consumption = plain.consumption().consumption().toBigMicrojoules();
          // a volume strictly below the consumption, at an odd ratio so that the pro-rata shares are not whole
          long volume = consumption.multiply(BigInteger.valueOf(permille)).divide(BigInteger.valueOf(1_000_003))
              .longValueExact() + 1;
          Instrument go = new Instrument("GO-1", InstrumentType.GO, "DE", T0, T0.plus(365, ChronoUnit.DAYS),
              Energy.ofMicrojoules(volume), CarbonIntensity.ZERO, "wind", true, "ACME", "", new TreeMap<>(), "test");
          Scope2Report r = calculator(Matching.ANNUAL).instruments(Instruments.of(List.of(go))).calculate(records);
          InstrumentUse u = r.instruments().get(0);
          assertEquals(Energy.ofMicrojoules(volume), u.used(), "the whole volume is used");
          assertEquals(Energy.ZERO, u.unused(), "nothing is left unused");
        });
  }
}

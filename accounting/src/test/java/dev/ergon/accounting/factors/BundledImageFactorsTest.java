package dev.ergon.accounting.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link EmissionFactors#bundled()}, read from the binary image and decoded per zone as look-ups ask, equals the set
 * parsed from the bundled files.
 */
class BundledImageFactorsTest {
  private static final EmissionFactors PARSED = EmissionFactors.parsedBundled();
  private static final Instant[] WHEN = {Instant.parse("2025-06-01T12:00:00Z"), Instant.parse("2019-01-01T00:00:00Z"),
      Instant.parse("2031-12-31T23:00:00Z")};

  /** Every zone the bundled factors or cloud regions name, their parents, cloud regions, the world, and misses. */
  private static List<String> places() {
    Set<String> places = new LinkedHashSet<>();
    for (EmissionFactor f : PARSED.factors()) {
      places.add(f.zone());
    }
    for (CloudRegion r : PARSED.cloudRegions().all()) {
      places.add(r.region());
      places.add(r.zone());
    }
    for (String p : List.copyOf(places)) {
      if (!p.contains(":")) {
        places.addAll(PARSED.placeChain(p));
      }
    }
    places.addAll(List.of("WORLD", "XX", "US-NOWHERE-AT-ALL", "aws:nowhere-1", "DE-XX"));
    return new ArrayList<>(places);
  }

  @Test
  void theBundledSetFromTheImageEqualsTheParsedOne() {
    EmissionFactors image = EmissionFactors.bundled();
    assertEquals(PARSED.dataSets(), image.dataSets());
    assertEquals(PARSED.cloudRegions().all(), image.cloudRegions().all());
    assertEquals(PARSED.cloudRegions().dataSets(), image.cloudRegions().dataSets());
    int found = 0;
    for (String region : places()) {
      for (FactorKind kind : FactorKind.values()) {
        for (Instant t : WHEN) {
          Optional<FactorMatch> expected = PARSED.lookup(region, t, kind);
          assertEquals(expected, image.lookup(region, t, kind), region + " " + kind + " " + t);
          found += expected.isPresent() ? 1 : 0;
        }
      }
    }
    assertTrue(found > 1000, "look-ups that found a factor: " + found); // the check compared real answers
    // factors() decodes every zone; before or after look-ups, it is the parsed list.
    assertEquals(PARSED.factors(), image.factors());
    assertEquals(PARSED.factors(), EmissionFactors.bundled().factors());
  }

  @Test
  void theKindsOfTheFactorsAreKnownWithoutDecodingThem() {
    for (FactorKind kind : FactorKind.values()) {
      boolean any = PARSED.factors().stream().anyMatch(f -> f.kind() == kind);
      assertEquals(any, EmissionFactors.bundled().hasKind(kind), kind.toString());
      assertEquals(any, PARSED.hasKind(kind), kind.toString());
    }
    assertTrue(EmissionFactors.bundled().hasKind(FactorKind.LOCATION));
    assertEquals(false, EmissionFactors.bundled().hasKind(FactorKind.RESIDUAL_MIX), "none is bundled");
    EmissionFactors residual = EmissionFactors.of("r", List.of(new EmissionFactor("DE", FactorPeriod.year(2025),
        FactorKind.RESIDUAL_MIX, dev.ergon.CarbonIntensity.ofGramsPerKilowattHour(600), java.util.OptionalDouble.empty(),
        "test", "r", "test")));
    assertTrue(residual.layeredOver(EmissionFactors.bundled()).hasKind(FactorKind.RESIDUAL_MIX));
    assertEquals(false, residual.hasKind(FactorKind.LOCATION));
    assertEquals(false, EmissionFactors.empty().hasKind(FactorKind.LOCATION));
  }

  @Test
  void lookUpsInAnyOrderAnswerAsTheParsedSet() {
    List<String> places = places();
    List<FactorKind> kinds = List.of(FactorKind.values());
    qt().withExamples(300).forAll(integers().between(0, places.size() - 1), integers().between(0, places.size() - 1),
            integers().between(0, kinds.size() - 1))
        .checkAssert((a, b, k) -> {
          EmissionFactors image = EmissionFactors.bundled(); // fresh: nothing decoded yet
          FactorKind kind = kinds.get(k);
          for (String region : List.of(places.get(a), places.get(b), places.get(a))) {
            assertEquals(PARSED.lookup(region, WHEN[0], kind), image.lookup(region, WHEN[0], kind), region);
          }
        });
  }

  @Test
  void moreUnknownZonesThanItRemembersAndMalformedRegionsAnswerAsTheParsedSet() {
    EmissionFactors image = EmissionFactors.bundled();
    // Past the 4,096 misses a layer remembers: later misses are searched again, with the same answers.
    for (int i = 0; i < 6_000; i++) {
      String zone = "XQ-Z" + i;
      assertEquals(PARSED.lookup(zone, WHEN[0], FactorKind.LOCATION), image.lookup(zone, WHEN[0], FactorKind.LOCATION),
          zone);
    }
    for (String region : List.of("DE", "FR", "aws:eu-west-1", "WORLD", "XQ-Z0", "XQ-Z5999")) {
      assertEquals(PARSED.lookup(region, WHEN[0], FactorKind.LOCATION),
          image.lookup(region, WHEN[0], FactorKind.LOCATION), region);
    }
    for (String bad : List.of("", " ", "de de", "aws:", ":eu-west-1", "a".repeat(10_000), "DE\u0000", "🙂")) {
      String expected = refusal(PARSED, bad);
      assertEquals(expected, refusal(image, bad), bad.length() > 40 ? bad.substring(0, 40) : bad);
    }
  }

  /* The message of the refusal of a look-up, or "accepted". */
  private static String refusal(EmissionFactors f, String region) {
    try {
      f.lookup(region, WHEN[0], FactorKind.LOCATION);
      return "accepted";
    } catch (IllegalArgumentException e) {
      return String.valueOf(e.getMessage());
    }
  }

  @Test
  void manyThreadsLookingUpAtFirstUseGetTheParsedAnswers() throws Exception {
    List<String> places = places();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 10; round++) {
        EmissionFactors image = EmissionFactors.bundled();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int thread = 0; thread < 16; thread++) {
          int offset = thread * 7;
          done.add(pool.submit(() -> {
            go.await();
            int checked = 0;
            for (int i = 0; i < places.size(); i++) {
              String region = places.get((i + offset) % places.size());
              assertEquals(PARSED.lookup(region, WHEN[0], FactorKind.LOCATION),
                  image.lookup(region, WHEN[0], FactorKind.LOCATION), region);
              checked++;
            }
            if (offset % 2 == 0) {
              assertEquals(PARSED.factors(), image.factors());
            }
            return checked;
          }));
        }
        go.countDown();
        for (Future<Integer> f : done) {
          assertEquals(places.size(), f.get(60, TimeUnit.SECONDS));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.Disclosure;
import dev.ergon.accounting.Disclosure.Topic;
import dev.ergon.accounting.factors.EmissionFactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Scope 2 disclosures say what was done with these inputs, topic by topic. */
class Scope2DisclosuresTest {

  private static List<String> texts(Scope2Report r, Topic topic) {
    return r.disclosures().stream().filter(d -> d.topic() == topic).map(Disclosure::text).toList();
  }

  private static String one(Scope2Report r, Topic topic, String containing) {
    List<String> hits = texts(r, topic).stream().filter(t -> t.contains(containing)).toList();
    assertEquals(1, hits.size(), "one " + topic + " disclosure containing '" + containing + "' in " + texts(r, topic));
    return hits.get(0);
  }

  @Test
  void withoutResidualMixesOrInstrumentsEveryDisclosureSaysSoWithTheShares(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit,uncertainty
        DE,2026,location,400,g/kWh,0.1
        FR,2026,location,100,g/kWh,
        """);
    Path o = dir.resolve("o.csv");
    Files.writeString(o, """
        id,quantity_t,registry,project,type,vintage
        VCS-1,1.5,Verra,Forest,removal,2025
        GS-2,0.25,Gold Standard,Cookstoves,avoidance,2024
        """);
    Scope2Report r = Scope2.calculator(EmissionFactors.readTable(f)).offsets(Offsets.load(o)).calculate(List.of(
        record("de").region("DE").start("2026-02-01T00:00:00Z").kwh(3).build(),
        record("fr").region("FR").start("2026-02-01T00:00:00Z").kwh(1).build()));

    List<String> method = texts(r, Topic.METHOD);
    assertTrue(method.get(0).startsWith("Dual reporting (GHG Protocol Scope 2 Guidance, 2015)"), method.toString());
    assertTrue(method.get(1).startsWith("Location-based: grid-average factors matched to each UTC hour"), method.get(1));
    assertTrue(method.get(2).contains("Matching: ANNUAL (2015 Guidance)"), method.get(2));
    // FR's factor states no uncertainty: 1 of the 4 kWh consumed, 25.0 %.
    assertTrue(one(r, Topic.UNCERTAINTY, "95 % interval").contains("which here apply to 25.0 % of the consumption"),
        texts(r, Topic.UNCERTAINTY).toString());
    one(r, Topic.NO_RESIDUAL_MIX, "The factor set holds no residual mix");
    String uncovered = one(r, Topic.NO_RESIDUAL_MIX, "No residual mix was available for: ");
    assertTrue(uncovered.contains("DE (") && uncovered.contains("FR ("), uncovered);
    one(r, Topic.INSTRUMENTS, "No contractual instruments were given");
    assertEquals("Market-based consumption by basis: grid average (no residual mix) 100.0 %.",
        one(r, Topic.INSTRUMENTS, "by basis"));
    // 1.5 t + 0.25 t, beside the totals, never subtracted.
    assertTrue(one(r, Topic.OFFSETS, "offsets").startsWith("2 offsets (1.75000 tCO2e) are listed beside the "
        + "inventory; they are not subtracted from either Scope 2 total."), texts(r, Topic.OFFSETS).toString());
    assertEquals(1300.0, r.locationBased().value().toGrams(), 1e-9);
    assertEquals(1300.0, r.marketBased().value().toGrams(), 1e-9, "grid averages stand in for the residual mix");
  }

  @Test
  void withAResidualMixTheCoverageIsSplitByBasis(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, """
        zone,period,kind,intensity,unit
        DE,2026,location,400,g/kWh
        DE,2026,residual_mix,600,g/kWh
        FR,2026,location,100,g/kWh
        """);
    Scope2Report r = Scope2.calculator(EmissionFactors.readTable(f)).calculate(List.of(
        record("de").region("DE").start("2026-02-01T00:00:00Z").kwh(3).build(),
        record("fr").region("FR").start("2026-02-01T00:00:00Z").kwh(1).build()));
    assertEquals(List.of(), texts(r, Topic.NO_RESIDUAL_MIX).stream()
        .filter(t -> t.startsWith("The factor set holds no residual mix")).toList());
    assertEquals("Market-based consumption by basis: residual mix 75.0 %, grid average (no residual mix) 25.0 %.",
        one(r, Topic.INSTRUMENTS, "by basis"));
    assertTrue(texts(r, Topic.OFFSETS).isEmpty());
    // 3 × 600 + 1 × 100 market-based.
    assertEquals(1900.0, r.marketBased().value().toGrams(), 1e-9);
  }
}

package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ergon.accounting.factors.EmissionFactor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader of the bundled JSON files yields, zone by zone and in file order, what a full tree read of
 * the same files (jackson-databind, test scope only) finds in them: the zone, the value in gCO2eq/kWh and the zone's
 * name.
 */
class BundledFactorsTest {

  @Test
  void electricityMapsMatchesATreeReadOfTheFile() throws IOException {
    JsonNode root = new ObjectMapper().readTree(BundledData.read("electricity-maps/yearly_2025.json"));
    List<String> expected = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode v = e.getValue();
      expected.add(e.getKey() + " " + v.path("carbonIntensity").path("value").asDouble() + " "
          + v.path("zone").path("zoneName").asText());
    }
    List<String> actual = new ArrayList<>();
    for (EmissionFactor f : BundledFactors.electricityMaps2025().factors()) {
      String name = f.source().substring(f.source().indexOf('(') + 1, f.source().lastIndexOf("), life-cycle"));
      actual.add(f.zone() + " " + f.intensity().toGramsPerKilowattHour() + " " + name);
    }
    assertEquals(expected, actual);
    assertEquals(352, actual.size());
  }

  @Test
  void emberWorldMatchesATreeReadOfTheFile() throws IOException {
    JsonNode world = new ObjectMapper().readTree(BundledData.read("co2js/average-intensities.json")).path("World");
    BundledFactors.Table t = BundledFactors.emberWorld();
    assertEquals(1, t.factors().size());
    EmissionFactor f = t.factors().get(0);
    assertEquals(world.path("emissions_intensity_gco2_per_kwh").asDouble(), f.intensity().toGramsPerKilowattHour());
    assertEquals(472.94, f.intensity().toGramsPerKilowattHour());
    assertEquals("ember-world-" + world.path("year").asInt(), t.dataSet().name());
    assertEquals("ember-world-2024", t.dataSet().name());
  }
}

package dev.ergon.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.InvalidDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three file formats, and the errors that name file, line and hours. */
class IntensityFilesTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static IntensitySeries only(IntensityData d, String zone) {
    return d.series(zone).orElseThrow();
  }

  @Test
  void ergonCsv() throws IOException {
    Path f = write("de.csv", """
        zone,start,end,g_per_kwh,kind
        # a comment
        DE,2026-03-01T00:00Z,2026-03-01T01:00Z,300,actual
        DE,2026-03-01T02:00+01:00,2026-03-01T03:00+01:00,250.5,forecast
        """);
    IntensitySeries s = only(IntensityData.read(List.of(f), false), "DE");
    assertEquals(Instant.parse("2026-03-01T00:00:00Z"), s.start());
    assertEquals(Duration.ofHours(1), s.step());
    assertEquals(2, s.size());
    assertEquals(250.5, s.gramsPerKwh(1));
    assertEquals(IntensityKind.FORECAST, s.kind(1));
  }

  @Test
  void gapIsRefusedNamingTheMissingHours() throws IOException {
    Path f = write("gap.csv", """
        zone,start,end,g_per_kwh,kind
        DE,2026-03-01T00:00Z,2026-03-01T01:00Z,300,actual
        DE,2026-03-01T03:00Z,2026-03-01T04:00Z,300,actual
        """);
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> IntensityData.read(List.of(f), false));
    assertEquals(3, e.line());
    String m = e.getMessage();
    assertTrue(m.startsWith(f + ":3: zone DE: missing 2 hours 2026-03-01T01:00:00Z, 2026-03-01T02:00:00Z between "
        + f + ":2"), m);
  }

  @Test
  void overlapAcrossFilesIsRefusedNamingTheDoubledHour() throws IOException {
    Path a = write("a.csv", """
        zone,start,end,g_per_kwh,kind
        DE,2026-03-01T00:00Z,2026-03-01T01:00Z,300,actual
        DE,2026-03-01T01:00Z,2026-03-01T02:00Z,300,actual
        """);
    Path b = write("b.csv", """
        zone,start,end,g_per_kwh,kind
        DE,2026-03-01T01:00Z,2026-03-01T02:00Z,280,forecast
        """);
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> IntensityData.read(List.of(a, b), false));
    String m = e.getMessage();
    assertTrue(m.contains("doubled hour 2026-03-01T01:00:00Z") && m.contains(a + ":3") && m.contains(b + ":2"), m);
  }

  @Test
  void badValuesNameTheLine() throws IOException {
    Path f = write("bad.csv", """
        zone,start,end,g_per_kwh,kind
        DE,2026-03-01T00:00Z,2026-03-01T01:00Z,300,actual
        DE,2026-03-01T01:00Z,2026-03-01T02:00Z,-4,actual
        """);
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> IntensityData.read(List.of(f), false));
    assertTrue(e.getMessage().startsWith(f + ":3: intensity '-4'"), e.getMessage());
    Path k = write("kind.csv", """
        zone,start,end,g_per_kwh,kind
        DE,2026-03-01T00:00Z,2026-03-01T01:00Z,3,guess
        """);
    assertTrue(assertThrows(InvalidDataException.class, () -> IntensityData.read(List.of(k), false)).getMessage()
        .startsWith(k + ":2: kind 'guess'"));
    Path local = write("local.csv", """
        zone,start,end,g_per_kwh,kind
        DE,2026-03-01T00:00,2026-03-01T01:00,3,actual
        """);
    assertTrue(assertThrows(InvalidDataException.class, () -> IntensityData.read(List.of(local), false))
        .getMessage().contains(":2: start '2026-03-01T00:00' is not an ISO-8601 time with an offset"));
    Path cols = write("cols.csv", """
        zone,when,g
        DE,x,3
        """);
    assertTrue(assertThrows(InvalidDataException.class, () -> IntensityData.read(List.of(cols), false))
        .getMessage().startsWith(cols + ":1: not an intensity file"));
  }

  @Test
  void mixedStepsAreRefused() throws IOException {
    Path f = write("mixed.csv", """
        zone,start,end,g_per_kwh,kind
        DE,2026-03-01T00:00Z,2026-03-01T01:00Z,300,actual
        DE,2026-03-01T01:00Z,2026-03-01T01:30Z,300,actual
        """);
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> IntensityData.read(List.of(f), false));
    assertTrue(e.getMessage().startsWith(f + ":3: zone DE: this row covers PT30M but " + f + ":2 covers PT1H"),
        e.getMessage());
  }

  @Test
  void electricityMapsExportOfEitherHeaderGeneration() throws IOException {
    // The 2021-2023 exports' header, as published by the Electricity Maps data portal.
    Path old = write("SE_2022_hourly.csv", """
        Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),Low Carbon Percentage,Renewable Percentage,Data Source,Data Estimated,Data Estimation Method
        2022-01-01 00:00:00,Sweden,Sweden,SE,2.54,30.02,99.42,60.13,svk.se,false,
        2022-01-01 01:00:00,Sweden,Sweden,SE,2.6,30.32,99.4,59.52,svk.se,true,ESTIMATED_FORECASTS_HIERARCHY
        """);
    IntensitySeries s = only(IntensityData.read(List.of(old), false), "SE");
    assertEquals(Instant.parse("2022-01-01T00:00:00Z"), s.start());
    assertEquals(Duration.ofHours(1), s.step());
    assertEquals(30.02, s.gramsPerKwh(0));
    assertEquals(IntensityKind.ACTUAL, s.kind(0));
    assertEquals(IntensityKind.FORECAST, s.kind(1));
    assertEquals(2.6, only(IntensityData.read(List.of(old), true), "SE").gramsPerKwh(1));
    // The later exports' header: lower-case words, "(Life cycle)", CFE %.
    Path later = write("DE_2024_hourly.csv", """
        \uFEFFDatetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (Life cycle),Carbon-free energy percentage (CFE%),Renewable energy percentage (RE%),Data source,Data estimated,Data estimation method
        2024-01-01 00:00:00,Germany,Germany,DE,250,300,50,45,entsoe.eu,false,
        2024-01-01 01:00:00,Germany,Germany,DE,240,290,50,45,entsoe.eu,false,
        2024-01-01 03:00:00,Germany,Germany,DE,240,290,50,45,entsoe.eu,false,
        """);
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> IntensityData.read(List.of(later), false));
    assertTrue(e.getMessage().startsWith(later + ":4: zone DE: missing hour 2024-01-01T02:00:00Z"), e.getMessage());
  }

  @Test
  void carbonAwareSdkEmissionsAndForecasts() throws IOException {
    Path obs = write("bylocation.json", """
        [
          {"location": "eastus", "time": "2022-05-17T20:00:00+00:00", "rating": 70, "duration": "01:00:00"},
          {"location": "eastus", "time": "2022-05-17T21:00:00+00:00", "rating": 64.5, "duration": "01:00:00"}
        ]
        """);
    IntensitySeries s = only(IntensityData.read(List.of(obs), false), "eastus");
    assertEquals(2, s.size());
    assertEquals(64.5, s.gramsPerKwh(1));
    assertEquals(IntensityKind.ACTUAL, s.kind(0));
    Path fc = write("forecast.json", """
        [{"requestedAt": "2022-07-19T13:37:49+00:00", "location": "northeurope",
         "optimalDataPoint": {"location": "IE", "timestamp": "2022-07-19T14:05:00+00:00", "duration": 5, "value": 448.4},
         "forecastData": [
          {"location": "IE", "timestamp": "2022-07-19T14:00:00+00:00", "duration": 5, "value": 532.0},
          {"location": "IE", "timestamp": "2022-07-19T14:05:00+00:00", "duration": 5, "value": 448.4}
         ]}]
        """);
    IntensitySeries f = only(IntensityData.read(List.of(fc), false), "northeurope");
    assertEquals(Duration.ofMinutes(5), f.step());
    assertEquals(IntensityKind.FORECAST, f.kind(1));
    assertEquals(448.4, f.gramsPerKwh(1));
    Path bad = write("bad.json", """
        [
         {"location": "eastus", "time": "2022-05-17T20:00:00+00:00", "rating": "high"}
        ]
        """);
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> IntensityData.read(List.of(bad), false));
    assertTrue(e.getMessage().startsWith(bad + ":2: intensity 'high'"), e.getMessage());
    Path broken = write("broken.json", """
        [
         {"location": "eastus",
         "time": }
        ]
        """);
    InvalidDataException b = assertThrows(InvalidDataException.class,
        () -> IntensityData.read(List.of(broken), false));
    assertTrue(b.getMessage().startsWith(broken + ":3: malformed JSON"), b.getMessage());
  }
}

package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ergon.Co2e;
import dev.ergon.Energy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Quantities written for people, in ASCII. */
class QuantityTextTest {

  @Test
  void energyTakesAnSiPrefix() {
    assertEquals("0 J", QuantityText.energy(Energy.ZERO));
    assertEquals("15.00 uJ", QuantityText.energy(Energy.ofMicrojoules(15)));
    assertEquals("1.500 mJ", QuantityText.energy(Energy.ofMicrojoules(1_500)));
    assertEquals("12.35 J", QuantityText.energy(Energy.ofMicrojoules(12_345_678)));
    assertEquals("999.0 J", QuantityText.energy(Energy.ofJoules(999)));
    assertEquals("1.000 kJ", QuantityText.energy(Energy.ofJoules(999.9)));
    assertEquals("3.600 MJ", QuantityText.energy(Energy.ofKilowattHours(1)));
    assertEquals("262.1 kJ", QuantityText.energy(Energy.ofMicrojoules(262_143_328_850L)));
  }

  @Test
  void kilowattHoursHaveFourSignificantDigits() {
    assertEquals("1.000 kWh", QuantityText.kilowattHours(Energy.ofJoules(3.6e6)));
    // 9 J / 3.6e6 J/kWh = 2.5e-6 kWh
    assertEquals("2.500e-06 kWh", QuantityText.kilowattHours(Energy.ofJoules(9)));
  }

  @Test
  void massesUseMgGKgT() {
    assertEquals("0 g CO2e", QuantityText.mass(Co2e.ZERO));
    assertEquals("1.632 mg CO2e", QuantityText.mass(Co2e.ofGrams(0.001632)));
    assertEquals("475.0 g CO2e", QuantityText.mass(Co2e.ofGrams(475)));
    assertEquals("12.00 kg CO2e", QuantityText.mass(Co2e.ofKilograms(12)));
    assertEquals("3.500 t CO2e", QuantityText.mass(Co2e.ofTonnes(3.5)));
  }

  @Test
  void durationsAndPercentages() {
    assertEquals("2.013 s", QuantityText.seconds(Duration.ofMillis(2013)));
    assertEquals("5 %", QuantityText.percent(0.05));
    assertEquals("0.5 %", QuantityText.percent(0.005));
    assertEquals("25 %", QuantityText.percent(0.25));
  }
}

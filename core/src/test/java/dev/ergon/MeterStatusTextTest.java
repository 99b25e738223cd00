package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ergon.spi.Availability;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MeterStatus and Availability print as a person reads them, not as record dumps. */
class MeterStatusTextTest {

  @Test
  void unavailableNamesReasonDetailAndRemedy() {
    Availability a = Availability.unavailable(UnavailableReason.DRIVER_MISSING, "no NVML library",
        "install the NVIDIA driver");
    assertEquals("unavailable (DRIVER_MISSING): no NVML library; remedy: install the NVIDIA driver", a.toString());
    assertEquals("nvml: not open; unavailable (DRIVER_MISSING): no NVML library; remedy: install the NVIDIA driver",
        MeterStatus.closed("nvml", 0, a).toString());
  }

  @Test
  void availableSaysWhatWasFound() {
    Availability a = Availability.available("2 zones");
    assertEquals("available: 2 zones", a.toString());
    assertEquals("powercap: open; available: 2 zones", new MeterStatus("powercap", 10, a, List.of(), true).toString());
  }
}

package dev.ergon.meter.nvml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.UnavailableReason;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The nvmlReturn_t table against the values in nvml.h (SPECS.md B.2), and the reasons they map to. */
class NvmlReturnTest {

  /** Copied by hand from SPECS.md section B.2. */
  private static final Map<Integer, String> NVML_H = new TreeMap<>(Map.ofEntries(
      Map.entry(0, "NVML_SUCCESS"),
      Map.entry(1, "NVML_ERROR_UNINITIALIZED"),
      Map.entry(2, "NVML_ERROR_INVALID_ARGUMENT"),
      Map.entry(3, "NVML_ERROR_NOT_SUPPORTED"),
      Map.entry(4, "NVML_ERROR_NO_PERMISSION"),
      Map.entry(5, "NVML_ERROR_ALREADY_INITIALIZED"),
      Map.entry(6, "NVML_ERROR_NOT_FOUND"),
      Map.entry(7, "NVML_ERROR_INSUFFICIENT_SIZE"),
      Map.entry(8, "NVML_ERROR_INSUFFICIENT_POWER"),
      Map.entry(9, "NVML_ERROR_DRIVER_NOT_LOADED"),
      Map.entry(10, "NVML_ERROR_TIMEOUT"),
      Map.entry(11, "NVML_ERROR_IRQ_ISSUE"),
      Map.entry(12, "NVML_ERROR_LIBRARY_NOT_FOUND"),
      Map.entry(13, "NVML_ERROR_FUNCTION_NOT_FOUND"),
      Map.entry(14, "NVML_ERROR_CORRUPTED_INFOROM"),
      Map.entry(15, "NVML_ERROR_GPU_IS_LOST"),
      Map.entry(16, "NVML_ERROR_RESET_REQUIRED"),
      Map.entry(17, "NVML_ERROR_OPERATING_SYSTEM"),
      Map.entry(18, "NVML_ERROR_LIB_RM_VERSION_MISMATCH"),
      Map.entry(19, "NVML_ERROR_IN_USE"),
      Map.entry(20, "NVML_ERROR_MEMORY"),
      Map.entry(21, "NVML_ERROR_NO_DATA"),
      Map.entry(22, "NVML_ERROR_VGPU_ECC_NOT_SUPPORTED"),
      Map.entry(23, "NVML_ERROR_INSUFFICIENT_RESOURCES"),
      Map.entry(24, "NVML_ERROR_FREQ_NOT_SUPPORTED"),
      Map.entry(25, "NVML_ERROR_ARGUMENT_VERSION_MISMATCH"),
      Map.entry(26, "NVML_ERROR_DEPRECATED"),
      Map.entry(27, "NVML_ERROR_NOT_READY"),
      Map.entry(28, "NVML_ERROR_GPU_NOT_FOUND"),
      Map.entry(29, "NVML_ERROR_INVALID_STATE"),
      Map.entry(30, "NVML_ERROR_RESET_TYPE_NOT_SUPPORTED"),
      Map.entry(999, "NVML_ERROR_UNKNOWN")));

  @Test
  void everyCodeOfTheHeaderHasItsName() {
    NVML_H.forEach((code, name) -> {
      NvmlReturn r = NvmlReturn.of(code);
      assertEquals(code, r.code(), name);
      assertEquals(name, r.cName());
    });
    assertEquals(NVML_H.size(), NvmlReturn.values().length, "no constant outside the header");
  }

  @Test
  void codesOutsideTheTableAreUnknown() {
    assertEquals(NvmlReturn.ERROR_UNKNOWN, NvmlReturn.of(31));
    assertEquals(NvmlReturn.ERROR_UNKNOWN, NvmlReturn.of(-1));
    assertEquals(NvmlReturn.ERROR_UNKNOWN, NvmlReturn.of(100_000));
  }

  @Test
  void theCodesOfTheIssueMapToClearReasons() {
    assertEquals(UnavailableReason.DRIVER_NOT_LOADED, NvmlReturn.ERROR_DRIVER_NOT_LOADED.reason());
    assertEquals(UnavailableReason.PERMISSION_DENIED, NvmlReturn.ERROR_NO_PERMISSION.reason());
    assertEquals(UnavailableReason.DEVICE_LOST, NvmlReturn.ERROR_GPU_IS_LOST.reason());
    assertTrue(NvmlReturn.ERROR_GPU_IS_LOST.permanent());
    assertEquals(UnavailableReason.NOT_SUPPORTED, NvmlReturn.ERROR_NOT_SUPPORTED.reason());
    assertEquals(UnavailableReason.DRIVER_MISSING, NvmlReturn.ERROR_LIBRARY_NOT_FOUND.reason());
    assertFalse(NvmlReturn.ERROR_TIMEOUT.permanent(), "a timeout passes");
  }

  @Test
  void everyErrorHasARemedy() {
    for (NvmlReturn r : NvmlReturn.values()) {
      if (r != NvmlReturn.SUCCESS) {
        assertFalse(r.remedy().isBlank(), r.cName());
      }
    }
  }
}

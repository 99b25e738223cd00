package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuInfoTest {

  @Test
  void parsesAnX86GuestAsThisMachinePrintsIt() {
    String text = """
        processor\t: 0
        vendor_id\t: AuthenticAMD
        cpu family\t: 25
        model\t\t: 1
        model name\t: AMD EPYC
        stepping\t: 1
        physical id\t: 0
        siblings\t: 2
        flags\t\t: fpu vme hypervisor lahf_lm

        processor\t: 1
        vendor_id\t: AuthenticAMD
        cpu family\t: 25
        model\t\t: 1
        model name\t: AMD EPYC
        stepping\t: 1
        physical id\t: 0
        siblings\t: 2
        flags\t\t: fpu vme hypervisor lahf_lm
        """;
    CpuInfo c = CpuInfo.parse(text);
    assertEquals("AuthenticAMD", c.vendor());
    assertEquals("AMD EPYC", c.modelName());
    assertEquals(25, c.family());
    assertEquals(1, c.model());
    assertEquals(1, c.stepping());
    assertEquals(2, c.logicalCpus());
    assertEquals(1, c.packages());
    assertEquals(2, c.threadsPerPackage());
    assertTrue(c.hypervisor());
    assertTrue(c.isAmd());
    assertEquals("AMD EPYC (AuthenticAMD family 25 model 1 stepping 1)", c.describe());
  }

  @Test
  void parsesArmWithoutModelName() {
    String text = """
        processor\t: 0
        BogoMIPS\t: 243.75
        Features\t: fp asimd
        CPU implementer\t: 0x41
        CPU architecture: 8
        CPU variant\t: 0x3
        CPU part\t: 0xd0c
        CPU revision\t: 1

        processor\t: 1
        CPU implementer\t: 0x41
        CPU part\t: 0xd0c
        """;
    CpuInfo c = CpuInfo.parse(text);
    assertEquals(0x41, c.armImplementer());
    assertEquals(0xd0c, c.armPart());
    assertEquals(2, c.logicalCpus());
    assertEquals(1, c.packages());
    assertFalse(c.hypervisor());
    assertEquals("unnamed CPU (Arm implementer 0x41 part 0xd0c)", c.describe());
  }

  @Test
  void emptyTextMeansNothingKnown() {
    CpuInfo c = CpuInfo.parse("");
    assertEquals(0, c.logicalCpus());
    assertEquals(0, c.packages());
    assertEquals(-1, c.family());
  }
}

package dev.ergon.meter.amdsmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PowerInfoLayoutTest {

  private static Memory buffer() {
    Memory m = new Memory(AmdSmiLibrary.STRUCT_BUFFER_SIZE);
    m.clear();
    return m;
  }

  @Test
  void release24ReadsCurrentThenAverage() {
    Memory m = buffer();
    m.setInt(0, 0xFFFF); // current_socket_power unsupported (MI200)
    m.setInt(4, 412); // average_socket_power
    assertEquals(OptionalLong.of(412), PowerInfoLayout.forRelease(24).watts(m));
  }

  @Test
  void release25ReadsSocketPowerThenCurrentThenAverage() {
    Memory m = buffer();
    m.setLong(0, 0); // socket_power left at zero
    m.setInt(8, 731); // current_socket_power (MI300)
    m.setInt(12, -1); // average_socket_power: UINT32_MAX, unsupported
    assertEquals(OptionalLong.of(731), PowerInfoLayout.forRelease(25).watts(m));
    m.setLong(0, 650);
    assertEquals(OptionalLong.of(650), PowerInfoLayout.forRelease(26).watts(m));
  }

  @Test
  void everyFieldUnsupportedIsEmptyAndAnUnknownReleaseReadsTheFirstWord() {
    Memory m = buffer();
    m.setLong(0, -1L);
    m.setInt(8, -1);
    m.setInt(12, 0xFFFF);
    assertTrue(PowerInfoLayout.forRelease(25).watts(m).isEmpty());
    Memory n = buffer();
    n.setInt(0, 300);
    assertEquals(OptionalLong.of(300), PowerInfoLayout.forRelease(0).watts(n));
    assertTrue(PowerInfoLayout.forRelease(0).describe().contains("release unknown"));
  }
}

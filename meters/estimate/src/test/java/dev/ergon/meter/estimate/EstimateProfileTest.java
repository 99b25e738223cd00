package dev.ergon.meter.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EstimateProfileTest {

  @Test
  void readsEveryKeyFromSettingsPropertiesAndEnvironment() {
    Properties props = new Properties();
    props.setProperty("ergon.estimate.cloud", "AWS");
    props.setProperty("ergon.estimate.vcpus", "1.5");
    Map<String, String> env = Map.of(
        "ERGON_ESTIMATE_INSTANCE_TYPE", "m5.large",
        "ERGON_ESTIMATE_CPU_THREADS_PER_PACKAGE", "48",
        "ERGON_ESTIMATE_CPU_TDP", "210",
        "ERGON_ESTIMATE_GPU_MODEL", "T4",
        "ERGON_ESTIMATE_GPU_UTILIZATION", "0.25",
        "ERGON_ESTIMATE_PROC_ROOT", "/host/proc");
    EstimateProfile p = EstimateProfile.fromConfiguration(Configuration.fromEnvironment(props, env));
    assertEquals(Optional.of(CloudProvider.AWS), p.cloud());
    assertEquals(OptionalDouble.of(1.5), p.vcpus());
    assertEquals(Optional.of("m5.large"), p.instanceType());
    assertEquals(OptionalInt.of(48), p.threadsPerPackage());
    assertEquals(OptionalDouble.of(210), p.cpuTdpWatts());
    assertEquals(Optional.of("T4"), p.gpuModel());
    assertEquals(OptionalDouble.of(0.25), p.gpuUtilization());
    assertEquals(Optional.of(Path.of("/host/proc")), p.procRoot());
    assertEquals(Optional.empty(), p.cgroupRoot());
  }

  @Test
  void anExplicitProfileWinsFieldByField() {
    EstimateProfile explicit = EstimateProfile.builder().vcpus(2).cpuArchitecture("Skylake").build();
    EstimateProfile config = EstimateProfile.fromConfiguration(Configuration.of(Map.of(
        EstimateProfile.VCPUS, "8", EstimateProfile.CLOUD, "gcp")));
    EstimateProfile p = explicit.orElse(config);
    assertEquals(OptionalDouble.of(2), p.vcpus());
    assertEquals(Optional.of("Skylake"), p.cpuArchitecture());
    assertEquals(Optional.of(CloudProvider.GCP), p.cloud());
    assertEquals("EstimateProfile[cloud=gcp, vcpus=2.0, cpuArchitecture=Skylake]", p.toString());
    assertEquals("EstimateProfile[]", EstimateProfile.empty().toString());
  }

  @Test
  void rejectsNonsenseNamingTheKeyAndItsSource() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        EstimateProfile.fromConfiguration(Configuration.of(Map.of(EstimateProfile.CPU_THREADS_PER_PACKAGE, "0"))));
    assertTrue(String.valueOf(e.getMessage()).contains("ergon.estimate.cpu.threads-per-package"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () ->
        EstimateProfile.fromConfiguration(Configuration.of(Map.of(EstimateProfile.GPU_COUNT, "many"))));
    assertThrows(IllegalArgumentException.class, () -> EstimateProfile.builder().gpuUtilization(1.5));
    assertThrows(IllegalArgumentException.class, () -> EstimateProfile.builder().vcpus(Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> EstimateProfile.builder().gpuIdleWatts(300).gpuMaxWatts(100).build());
  }

  @Test
  void sayWhereEachSettingCameFromFieldByField() {
    EstimateProfile explicit = EstimateProfile.builder().vcpus(2).build();
    EstimateProfile config = EstimateProfile.fromConfiguration(Configuration.fromEnvironment(new Properties(),
        Map.of("ERGON_ESTIMATE_VCPUS", "8", "ERGON_ESTIMATE_CPU_TDP", "200")));
    assertEquals("environment variable ERGON_ESTIMATE_VCPUS", config.source(EstimateProfile.VCPUS));
    EstimateProfile p = explicit.orElse(config);
    assertEquals("an EstimateProfile built in code", p.source(EstimateProfile.VCPUS), "the builder's value won");
    assertEquals("environment variable ERGON_ESTIMATE_CPU_TDP", p.source(EstimateProfile.CPU_TDP));
  }

  @Test
  void refusesFiguresBeyondPhysicalSenseWithTheFix() {
    IllegalArgumentException tdp = assertThrows(IllegalArgumentException.class, () ->
        EstimateProfile.fromConfiguration(Configuration.of(Map.of(EstimateProfile.CPU_TDP, "1500"))));
    String message = String.valueOf(tdp.getMessage());
    assertTrue(message.contains("CPU TDP 1500.0 W per package is beyond physical sense")
        && message.contains("(ergon.estimate.cpu.tdp from setting ergon.estimate.cpu.tdp)"), message);
    assertEquals(OptionalDouble.of(1000), EstimateProfile.builder().cpuTdpWatts(1000).build().cpuTdpWatts());
    assertThrows(IllegalArgumentException.class, () -> EstimateProfile.builder().threadsPerPackage(1025));
    assertEquals(OptionalInt.of(1024), EstimateProfile.builder().threadsPerPackage(1024).build().threadsPerPackage());
    assertThrows(IllegalArgumentException.class, () -> EstimateProfile.builder().gpuMaxWatts(2000.5));
    assertThrows(IllegalArgumentException.class, () -> EstimateProfile.builder().gpuIdleWatts(2001));
    assertEquals(OptionalDouble.of(2000), EstimateProfile.builder().gpuMaxWatts(2000).build().gpuMaxWatts());
    IllegalArgumentException vcpus = assertThrows(IllegalArgumentException.class,
        () -> EstimateProfile.builder().vcpus(Double.POSITIVE_INFINITY));
    assertTrue(String.valueOf(vcpus.getMessage()).contains("or leave it unset"), vcpus.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EstimateProfile.builder().vcpus(0));
  }
}

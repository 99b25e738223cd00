package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupsTest {
  @TempDir Path root;

  private void write(String relative, String text) throws IOException {
    Path f = root.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  @Test
  void v2QuotaIsTheSmallestAlongThePathToTheRoot() throws IOException {
    write("proc/self/cgroup", "0::/kubepods/pod1/ctr\n");
    write("cg/cgroup.controllers", "cpuset cpu memory\n");
    write("cg/kubepods/cpu.max", "max 100000\n");
    write("cg/kubepods/pod1/cpu.max", "250000 100000\n");
    write("cg/kubepods/pod1/ctr/cpu.max", "300000 100000\n");
    write("cg/kubepods/pod1/ctr/cpu.stat", "usage_usec 1234\nuser_usec 1000\nsystem_usec 234\n");
    Cgroups g = Cgroups.detect(root.resolve("proc"), root.resolve("cg"));
    assertTrue(g.unified());
    Cgroups.Quota q = g.quota().orElseThrow();
    assertEquals(2.5, q.vcpus());
    assertEquals(root.resolve("cg/kubepods/pod1/cpu.max"), q.file());
    Path usage = g.cpuUsageFile().orElseThrow();
    assertEquals(1_234_000L, g.cpuUsageNanos(usage));
  }

  @Test
  void v2NamespacedContainerSeesItsGroupAtTheRoot() throws IOException {
    write("proc/self/cgroup", "0::/\n");
    write("cg/cgroup.controllers", "cpu memory\n");
    write("cg/cpu.max", "150000 100000\n");
    write("cg/memory.current", "2147483648\n");
    write("cg/memory.stat", "anon 1000\nfile 600000000\ninactive_file 536870912\n");
    write("cg/memory.max", "4294967296\n");
    Cgroups g = Cgroups.detect(root.resolve("proc"), root.resolve("cg"));
    assertEquals(1.5, g.quota().orElseThrow().vcpus());
    Path mem = g.memoryDir().orElseThrow();
    assertEquals(2147483648L - 536870912L, g.memoryInUseBytes(mem));
    assertEquals(Optional.of(4294967296L), g.memoryLimitBytes(mem));
  }

  @Test
  void v1QuotaUsageAndCpusetAsOnADockerHost() throws IOException {
    write("proc/self/cgroup", "12:cpuset:/docker/abc\n4:cpu,cpuacct:/docker/abc\n3:memory:/docker/abc\n0::/\n");
    write("cg/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "50000\n");
    write("cg/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
    write("cg/cpu,cpuacct/docker/abc/cpuacct.usage", "987654321\n");
    write("cg/cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
    write("cg/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
    write("cg/cpuset/docker/abc/cpuset.cpus", "0-1,4\n");
    write("cg/memory/docker/abc/memory.limit_in_bytes", "9223372036854771712\n");
    Cgroups g = Cgroups.detect(root.resolve("proc"), root.resolve("cg"));
    assertFalse(g.unified());
    assertEquals(0.5, g.quota().orElseThrow().vcpus());
    assertEquals(987_654_321L, g.cpuUsageNanos(g.cpuUsageFile().orElseThrow()));
    BitSet expected = new BitSet();
    expected.set(0, 2);
    expected.set(4);
    assertEquals(expected, g.cpuset().orElseThrow().cpus());
    assertEquals(Optional.empty(), g.memoryLimitBytes(g.memoryDir().orElseThrow())); // "unlimited" sentinel
  }

  @Test
  void nothingMountedMeansNoLimits() {
    Cgroups g = Cgroups.detect(root.resolve("proc"), root.resolve("cg"));
    assertEquals(Optional.empty(), g.quota());
    assertEquals(Optional.empty(), g.cpuset());
    assertEquals(Optional.empty(), g.cpuUsageFile());
  }

  @Test
  void parsesKernelCpuLists() {
    BitSet s = Cgroups.parseCpuList("0-3,8,10-11");
    assertEquals("{0, 1, 2, 3, 8, 10, 11}", String.valueOf(s));
    assertNull(Cgroups.parseCpuList("3-1"));
    assertNull(Cgroups.parseCpuList("x"));
    assertEquals("0-3,8,10-11", VcpuDetector.toList(s));
  }
}

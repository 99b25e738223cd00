package dev.ergon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ergon meters}, run from the built jar: what can measure here, and the remedy for what cannot. */
class MetersIT {

  /** Runs ergon as an unprivileged user when the tests run as root, whom file modes do not stop. */
  private static ErgonProcess unprivileged(Path dir) throws Exception {
    ErgonProcess p = ErgonProcess.in(dir);
    if ("root".equals(System.getProperty("user.name"))) {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) runs ergon as nobody");
      // nobody must reach the jar, the JDK and the test directory.
      for (Path d = dir; d != null && !d.equals(d.getRoot()); d = d.getParent()) {
        if (d.startsWith(dir)) {
          Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
      p.through(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"))
          .env("HOME", dir.toString()).workDir(dir);
    }
    return p;
  }

  @Test
  void aRootOnlyCounterGetsThePermissionRemedy(@TempDir Path dir) throws Exception {
    FakePowercapTree tree = FakePowercapTree.withPackage(dir.resolve("powercap"), 42);
    ErgonProcess.Result r = unprivileged(dir).run("meters", "--powercap-root", tree.root().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("powercap: NOT USED (permission_denied)"), r.out() + r.err());
    assertTrue(r.out().contains("remedy:"), r.out());
    assertTrue(r.out().contains("sudo chmod a+r /sys/class/powercap/intel-rapl:0/energy_uj"), r.out());
    assertTrue(r.out().contains("udev"), r.out());
    assertTrue(r.out().contains("estimate: IN USE") || !Files.isReadable(Path.of("/proc/stat")), r.out());
  }

  @Test
  void aReadableTreeIsInUseWithItsChannel(@TempDir Path dir) throws Exception {
    FakePowercapTree tree = FakePowercapTree.withPackage(dir.resolve("powercap"), 42);
    ErgonProcess.Result r = ErgonProcess.in(dir).run("meters", "--json", "--powercap-root",
        tree.root().toString(), "--exclude-meter", "nvml");
    assertEquals(0, r.code(), r.err());
    List<String> values = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(r.out())) {
      String field = "";
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          field = p.currentName();
        } else if (t.isScalarValue()) {
          values.add(field + "=" + p.getText());
        }
      }
    }
    assertTrue(values.contains("id=cpu/package-0"), values.toString());
    assertTrue(values.contains("wrap_range_uj=" + FakePowercapTree.INTEL_RANGE), values.toString());
    assertTrue(values.contains("reason=disabled"), "nvml excluded: " + values);
  }
}

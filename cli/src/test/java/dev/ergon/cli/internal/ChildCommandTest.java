package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measured command gets a process group of its own except at a terminal. */
class ChildCommandTest {

  @Test
  void setsidIsUsedWhenInstalledAndStdinIsNoTerminal(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing");
    Path setsid = Files.createFile(dir.resolve("setsid"),
        PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_READ)));
    assertEquals(setsid, ChildCommand.setsid(false, List.of(missing, setsid)));
    assertNull(ChildCommand.setsid(true, List.of(missing, setsid)), "at a terminal the child keeps ergon's group");
    assertNull(ChildCommand.setsid(false, List.of(missing)));
  }

  @Test
  void theChildLeadsItsOwnGroupAndStopEndsTheGroup() throws Exception {
    // Under the test runner stdin is not a terminal, so the child leads a group of its own where setsid exists.
    ChildCommand c = ChildCommand.start(List.of("sh", "-c", "sleep 60 & sleep 60"), false);
    try {
      if (c.ownGroup()) {
        // setsid runs in the child just after the spawn returns: give it a moment.
        String pgrp = "";
        for (int i = 0; i < 100 && !pgrp.equals(Long.toString(c.pid())); i++) {
          String stat = Files.readString(Path.of("/proc/" + c.pid() + "/stat"));
          pgrp = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2];
          Thread.sleep(20);
        }
        assertEquals(Long.toString(c.pid()), pgrp, "field 5 (pgrp) is the child's pid");
      }
      c.stop();
      assertEquals(143, c.waitFor());
    } finally {
      ProcessHandle.of(c.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}

package dev.ergon.meter.nvml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import dev.ergon.MeterUnavailableException;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.support.LinkerSearch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the NVML library is looked for, and the pre-check that spares JNA's start-up when it is absent. */
class NvmlLibraryLocationTest {

  @TempDir Path root;

  private static NvmlLibraryLocation location(Map<String, String> config, Map<String, String> env, String os,
      Path root) {
    return new NvmlLibraryLocation(Configuration.of(config), env::get, os, root);
  }

  private void cache(String content) throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.write(root.resolve("etc/ld.so.cache"), ("ld.so-1.7.0\0" + content).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void linuxTriesTheDriversSonameThenWsl() {
    assertEquals(List.of("libnvidia-ml.so.1", "/usr/lib/wsl/lib/libnvidia-ml.so.1"),
        location(Map.of(), Map.of(), "Linux", root).candidates());
  }

  @Test
  void windowsTriesSystem32ThenNvsmiThenTheSearchPath() {
    assertEquals(
        List.of("C:\\Windows\\System32\\nvml.dll", "C:\\Program Files\\NVIDIA Corporation\\NVSMI\\nvml.dll",
            "nvml.dll"),
        location(Map.of(), Map.of("WINDIR", "C:\\Windows", "ProgramW6432", "C:\\Program Files"), "Windows 11",
            root).candidates());
  }

  @Test
  void aConfiguredLibraryIsTheOnlyCandidate() {
    assertEquals(List.of("/opt/nvidia/libnvidia-ml.so.1"),
        location(Map.of("ergon.nvml.library", "/opt/nvidia/libnvidia-ml.so.1"), Map.of(), "Linux", root)
            .candidates());
  }

  @Test
  void aRelativeConfiguredPathMeansTheWorkingDirectory() {
    String expected = Path.of("").toAbsolutePath().resolve("lib/libnvidia-ml.so.1").toString();
    assertEquals(List.of(expected),
        location(Map.of("ergon.nvml.library", "lib/libnvidia-ml.so.1"), Map.of(), "Linux", root).candidates());
    assertEquals(List.of("libnvidia-ml.so.1"), location(Map.of("ergon.nvml.library", "libnvidia-ml.so.1"),
        Map.of(), "Linux", root).candidates(), "a bare name still goes to the dynamic linker");
  }

  @Test
  void macOsHasNone() {
    assertEquals(List.of(), location(Map.of(), Map.of(), "Mac OS X", root).candidates());
  }

  @Test
  void aNameAbsentFromTheLinkerCacheAndDirectoriesIsCertainlyNotFound() throws IOException {
    cache("libc.so.6\0/lib/x86_64-linux-gnu/libc.so.6\0");
    LinkerSearch search = new LinkerSearch(root, null);
    assertFalse(search.mayFind("libnvidia-ml.so.1"));
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class,
        () -> location(Map.of(), Map.of(), "Linux", root).load());
    assertEquals(UnavailableReason.DRIVER_MISSING, e.reason());
    assertTrue(String.valueOf(e.getMessage()).contains("libnvidia-ml.so.1 not found in " + root.resolve("etc")),
        e.getMessage());
  }

  @Test
  void aNameInTheLinkerCacheGoesToTheLinker() throws IOException {
    cache("libnvidia-ml.so.1\0/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1\0"
        + "libnvidia-ml-ergon-test.so.1\0/usr/lib/libnvidia-ml-ergon-test.so.1\0");
    assertTrue(new LinkerSearch(root, null).mayFind("libnvidia-ml.so.1"));
    assertFalse(new LinkerSearch(root, null).mayFind("libnvidia-ml.so"), "a prefix is not the name");
    // A name no test loads (JNA also caches every library it loaded under its file name, so "libnvidia-ml.so.1"
    // may answer with a fake loaded by another test). This machine has no such library: the linker's answer.
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class,
        () -> location(Map.of("ergon.nvml.library", "libnvidia-ml-ergon-test.so.1"), Map.of(), "Linux", root)
            .load());
    assertTrue(String.valueOf(e.getMessage()).contains("libnvidia-ml-ergon-test.so.1 could not be loaded"),
        e.getMessage());
  }

  @Test
  void aFileInLdLibraryPathOrAStandardDirectoryMayBeFound() throws IOException {
    cache("");
    Files.createDirectories(root.resolve("opt/driver"));
    Files.createFile(root.resolve("opt/driver/libnvidia-ml.so.1"));
    assertTrue(new LinkerSearch(root, "/nowhere:/opt/driver").mayFind("libnvidia-ml.so.1"));
    assertFalse(new LinkerSearch(root, "/nowhere").mayFind("libnvidia-ml.so.1"));
    Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
    Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1"));
    assertTrue(new LinkerSearch(root, null).mayFind("libnvidia-ml.so.1"));
  }

  @Test
  void withoutALinkerCacheOrWithARelativeLdLibraryPathTheLinkerDecides() throws IOException {
    assertTrue(new LinkerSearch(root, null).mayFind("libnvidia-ml.so.1"), "no /etc/ld.so.cache (musl, NixOS)");
    cache("");
    assertTrue(new LinkerSearch(root, "lib").mayFind("libnvidia-ml.so.1"));
  }
}

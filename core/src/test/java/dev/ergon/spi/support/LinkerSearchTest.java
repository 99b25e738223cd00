package dev.ergon.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linker pre-check over directory trees built here: "certainly not" only when nothing could find the file. */
class LinkerSearchTest {
  private static final String LIB = "libnvidia-ml.so.1";

  private static void cache(Path root, String content) throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.write(root.resolve("etc/ld.so.cache"), content.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void withoutALinkerCacheTheLinkerDecides(@TempDir Path root) {
    assertTrue(new LinkerSearch(root, null).mayFind(LIB));
  }

  @Test
  void aCacheWithoutTheNameAndNoFileAnywhereMeansCertainlyNot(@TempDir Path root) throws IOException {
    cache(root, "ld.so-1.7.0\0glibc-ld.so.cache1.1\0libc.so.6\0/lib/libc.so.6\0libnvidia-ml.so\0");
    Files.createDirectories(root.resolve("usr/lib"));
    LinkerSearch search = new LinkerSearch(root, "/opt/none:");
    assertFalse(search.mayFind(LIB), "libnvidia-ml.so (without .1) is another name");
    assertTrue(search.mayFind("libc.so.6"), "a name the cache holds, ended by its NUL");
  }

  @Test
  void aNameAtTheVeryEndOfTheCacheIsFound(@TempDir Path root) throws IOException {
    cache(root, "libc.so.6\0" + LIB + "\0");
    assertTrue(new LinkerSearch(root, null).mayFind(LIB));
    cache(root, "libc.so.6\0" + LIB); // cut before its NUL: not a whole entry
    assertFalse(new LinkerSearch(root, null).mayFind(LIB));
    cache(root, "");
    assertFalse(new LinkerSearch(root, null).mayFind(LIB));
  }

  @Test
  void aFileInAStandardDirectoryOrOnLdLibraryPathIsFound(@TempDir Path root) throws IOException {
    cache(root, "libc.so.6\0");
    Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
    Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu").resolve(LIB));
    assertTrue(new LinkerSearch(root, null).mayFind(LIB));
    assertFalse(new LinkerSearch(root, null).mayFind("libamd_smi.so"));
    Files.createDirectories(root.resolve("opt/rocm/lib"));
    Files.createFile(root.resolve("opt/rocm/lib/libamd_smi.so"));
    assertFalse(new LinkerSearch(root, "/opt/other").mayFind("libamd_smi.so"));
    assertTrue(new LinkerSearch(root, "/opt/other::/opt/rocm/lib").mayFind("libamd_smi.so"));
  }

  @Test
  void aRelativeLdLibraryPathEntryLeavesItToTheLinker(@TempDir Path root) throws IOException {
    cache(root, "libc.so.6\0");
    assertTrue(new LinkerSearch(root, "/opt/a:lib/here").mayFind(LIB));
    assertFalse(new LinkerSearch(root, "/opt/a: ").mayFind(LIB), "a blank entry is no directory");
  }

  @Test
  void anUnreadableCacheLeavesItToTheLinker(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("etc/ld.so.cache")); // a directory: not a regular file
    assertTrue(new LinkerSearch(root, null).mayFind(LIB));
  }

  @Test
  void theSearchNamesWhereItLooked(@TempDir Path root) {
    assertEquals(root.resolve("etc/ld.so.cache") + ", LD_LIBRARY_PATH (unset) and the standard library directories",
        new LinkerSearch(root, null).searched());
    assertEquals(root.resolve("etc/ld.so.cache") + ", LD_LIBRARY_PATH (/opt/x:/opt/y) and the standard library "
        + "directories", new LinkerSearch(root, "/opt/x:/opt/y").searched());
  }
}

package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionProviderTest {

  @Test
  void classFoldersWithoutAManifestVersionReadTheBuildsResource() {
    // Tests run from class folders, whose package has no Implementation-Version; the runnable jar's manifest path is
    // checked by UsageIT against the built jar.
    assertEquals(null, VersionProvider.class.getPackage().getImplementationVersion());
    String v = VersionProvider.fromResource();
    assertTrue(v.matches("\\d+\\.\\d+\\.\\d+.*"), v);
    assertEquals(v, VersionProvider.version());
    assertEquals("ergon " + v, new VersionProvider().getVersion()[0]);
  }
}

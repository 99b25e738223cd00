package dev.ergon.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The module exports its API package and nothing else; the internal package stays hidden. */
class ModuleDescriptorTest {

  @Test
  void exportsExactlyTheApiPackage() {
    Module module = Comparison.class.getModule();
    assertTrue(module.isNamed(), "tests run on the module path");
    ModuleDescriptor d = module.getDescriptor();
    assertEquals("dev.ergon.compare", d.name());
    Set<String> exports = new TreeSet<>();
    for (ModuleDescriptor.Exports e : d.exports()) {
      assertTrue(e.targets().isEmpty(), "no qualified exports");
      exports.add(e.source());
    }
    assertEquals(Set.of("dev.ergon.compare"), exports);
    assertTrue(d.packages().contains("dev.ergon.compare.internal"));
  }
}

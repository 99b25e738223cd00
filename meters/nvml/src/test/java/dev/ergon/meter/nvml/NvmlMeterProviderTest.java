package dev.ergon.meter.nvml;

import static dev.ergon.meter.nvml.Readings.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import dev.ergon.MeterUnavailableException;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.MeterProvider;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Probing and opening: why NVML is unavailable, said quickly and clearly; what it found when it is available. */
class NvmlMeterProviderTest {

  @TempDir Path dir;

  private static NvmlMeterProvider provider() {
    return new NvmlMeterProvider(Map.of(), "Linux");
  }

  private static Availability probe(Configuration config) {
    return provider().probe(MeterContext.of(config));
  }

  @Test
  void nameAndPriority() {
    assertEquals("nvml", new NvmlMeterProvider().name());
    assertEquals(MeterProvider.PRIORITY_COUNTER, new NvmlMeterProvider().priority());
  }

  @Test
  void aMissingLibraryIsDriverMissingQuicklyWithTheSettingToFixIt() {
    Path absent = dir.resolve("libnvidia-ml.so.1");
    long start = System.nanoTime();
    Availability a = probe(Configuration.of(Map.of("ergon.nvml.library", absent.toString())));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertFalse(a.available());
    assertEquals(UnavailableReason.DRIVER_MISSING, a.reason());
    assertTrue(a.detail().contains(absent.toString()) && a.detail().contains("setting ergon.nvml.library"),
        a.detail());
    assertTrue(a.remedy().contains("ergon.nvml.library") && a.remedy().contains("ERGON_NVML_LIBRARY"), a.remedy());
    assertTrue(millis < 1_000, "probe took " + millis + " ms");
  }

  @Test
  void aLibraryNameTheDynamicLinkerCannotFindIsDriverMissingQuickly() {
    Configuration config = Configuration.of(Map.of("ergon.nvml.library", "libnvidia-ml-absent-for-ergon.so.1"));
    probe(config); // warm up the classes, so that the time below is the probe's own
    long start = System.nanoTime();
    Availability a = probe(config);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(UnavailableReason.DRIVER_MISSING, a.reason());
    assertTrue(a.detail().contains("libnvidia-ml-absent-for-ergon.so.1"), a.detail());
    assertTrue(millis < 200, "probe took " + millis + " ms");
  }

  @Test
  void theDefaultLookupOnThisMachineAnswersWithoutThrowing() {
    // Without a GPU (as here and in CI) this is DRIVER_MISSING; on a GPU machine it may be available.
    Availability a = new NvmlMeterProvider().probe(MeterContext.of(Configuration.empty()));
    assertNotNull(a);
    if (!a.available()) {
      assertFalse(a.remedy().isEmpty(), a.toString());
    }
  }

  @Test
  void aLibraryThatIsNotNvmlIsDriverMissing() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.NOT_NVML);
    Availability a = probe(fake.config());
    assertEquals(UnavailableReason.DRIVER_MISSING, a.reason());
    assertTrue(a.detail().contains("is not NVML") && a.detail().contains("nvmlInit_v2 or nvmlInit"), a.detail());
  }

  @Test
  void macOsHasNoNvml() {
    Availability a = new NvmlMeterProvider(Map.of(), "Mac OS X").probe(MeterContext.of(Configuration.empty()));
    assertEquals(UnavailableReason.DRIVER_MISSING, a.reason());
    assertTrue(a.detail().contains("does not exist"), a.detail());
  }

  @ParameterizedTest(name = "nvmlInit_v2 returns {0}")
  @CsvSource({
    "9, DRIVER_NOT_LOADED, NVML_ERROR_DRIVER_NOT_LOADED, modprobe nvidia",
    "4, PERMISSION_DENIED, NVML_ERROR_NO_PERMISSION, /dev/nvidia",
    "18, DRIVER_NOT_LOADED, NVML_ERROR_LIB_RM_VERSION_MISMATCH, reboot",
    "12, DRIVER_MISSING, NVML_ERROR_LIBRARY_NOT_FOUND, stub",
    "999, IO_ERROR, NVML_ERROR_UNKNOWN, nvidia-smi",
  })
  void anInitFailureSaysWhyAndWhatToDo(int code, UnavailableReason reason, String cName, String remedy) {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL).set("gpus", 1).set("ret.nvmlInit", code);
    Availability a = probe(fake.config());
    assertFalse(a.available());
    assertEquals(reason, a.reason());
    assertTrue(a.detail().contains("nvmlInit_v2") && a.detail().contains(cName + " (" + code), a.detail());
    assertTrue(a.remedy().contains(remedy), a.remedy());
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class,
        () -> provider().open(MeterContext.of(fake.config())));
    assertEquals(reason, e.reason());
    assertEquals(0, fake.calls("nvmlShutdown"), "a failed init has nothing to shut down");
  }

  @Test
  void noGpuIsNotPresentAndNvmlIsShutDown() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL).set("gpus", 0);
    Availability a = probe(fake.config());
    assertEquals(UnavailableReason.NOT_PRESENT, a.reason());
    assertTrue(a.detail().contains("sees no GPU"), a.detail());
    assertEquals(1, fake.calls("nvmlInit_v2"));
    assertEquals(1, fake.calls("nvmlShutdown"));
  }

  /** A relative --nvml-library / ergon.nvml.library is the working directory's file, not a missing driver. */
  @Test
  void aRelativeLibraryPathIsResolvedAgainstTheWorkingDirectory() {
    FakeNvml.install(dir, FakeNvml.Variant.FULL).set("gpus", 1);
    String relative = Path.of("").toAbsolutePath().relativize(dir.resolve("libnvidia-ml.so.1")).toString();
    assertTrue(relative.contains("/") && !Path.of(relative).isAbsolute(), relative);
    Availability a = probe(Configuration.of(Map.of("ergon.nvml.library", relative)));
    assertTrue(a.available(), a.reason() + ": " + a.detail());
  }

  @Test
  void anAvailableProbeListsTheGpusAndHowTheyAreMeteredAndShutsDown() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL)
        .set("gpus", 2)
        .set("gpu.0.name", "NVIDIA A100-SXM4-80GB").set("gpu.0.uuid", "GPU-aaaa")
        .set("gpu.1.name", "Tesla P4").set("gpu.1.uuid", "GPU-bbbb").set("gpu.1.energy", 0).set("gpu.1.arch", 4);
    Availability a = probe(fake.config());
    assertTrue(a.available(), a.toString());
    assertTrue(a.detail().startsWith("2 GPUs through NVML " + fake.library()), a.detail());
    assertTrue(a.detail().contains("NVIDIA A100-SXM4-80GB (GPU-aaaa, index 0): energy counter"), a.detail());
    assertTrue(a.detail().contains("Tesla P4 (GPU-bbbb, index 1): integrated power"), a.detail());
    assertEquals(1, fake.calls("nvmlInit_v2"));
    assertEquals(1, fake.calls("nvmlShutdown"));
  }

  @Test
  void theLibraryCanBeSetThroughTheEnvironmentVariable() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.FULL).set("gpus", 1);
    Configuration config = Configuration.fromEnvironment(
        new Properties(), Map.of("ERGON_NVML_LIBRARY", fake.library().toString()));
    assertTrue(probe(config).available());
  }

  @Test
  void theModuleProvidesTheProvider() {
    Module module = NvmlMeterProvider.class.getModule();
    if (module.isNamed()) {
      ModuleDescriptor descriptor = Objects.requireNonNull(module.getDescriptor());
      assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(MeterProvider.class.getName())
          && p.providers().equals(List.of(NvmlMeterProvider.class.getName()))), descriptor.toString());
      assertEquals(Set.of("dev.ergon.meter.nvml"),
          descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()),
          "the internal package is not exported");
    }
  }

  @Test
  void theClassPathServiceFileNamesTheProvider() throws Exception {
    // ServiceLoader itself cannot be called from this named test module without a 'uses' clause; read the file
    // it reads on the class path and do what it does.
    try (RecordingLoader loader = new RecordingLoader(jars())) {
      URL file = Objects.requireNonNull(loader.findResource("META-INF/services/" + MeterProvider.class.getName()));
      List<String> names;
      try (InputStream in = file.openStream()) {
        names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
      }
      assertEquals(List.of(NvmlMeterProvider.class.getName()), names);
      Class<?> type = loader.loadClass(names.get(0));
      assertTrue(loader.loadClass(MeterProvider.class.getName()).isAssignableFrom(type));
      assertEquals("nvml", type.getMethod("name").invoke(type.getConstructor().newInstance()));
    }
  }

  private static URL[] jars() {
    return new URL[] {
      NvmlMeterProvider.class.getProtectionDomain().getCodeSource().getLocation(),
      MeterProvider.class.getProtectionDomain().getCodeSource().getLocation(),
      com.sun.jna.Pointer.class.getProtectionDomain().getCodeSource().getLocation(),
      org.jspecify.annotations.Nullable.class.getProtectionDomain().getCodeSource().getLocation(),
    };
  }

  @Test
  void loadingAndConstructingTheProviderLoadsNeitherJnaNorNvml() throws Exception {
    try (RecordingLoader loader = new RecordingLoader(jars())) {
      Class<?> type = Class.forName(NvmlMeterProvider.class.getName(), true, loader);
      Object provider = type.getConstructor().newInstance();
      assertEquals("nvml", type.getMethod("name").invoke(provider));
      assertEquals(MeterProvider.PRIORITY_COUNTER, type.getMethod("priority").invoke(provider));
      assertFalse(loader.loaded("com.sun.jna.Native"), "JNA was loaded by construction");
      assertFalse(loader.loaded("com.sun.jna.NativeLibrary"), "JNA was loaded by construction");
      assertFalse(loader.loaded("dev.ergon.meter.nvml.internal.NvmlLibrary"), "the binding was loaded");
      // The loader works: probing a library that exists does load JNA.
      Path notNvml = FakeNvml.install(dir, FakeNvml.Variant.NOT_NVML).library();
      Object config = loader.loadClass("dev.ergon.Configuration").getMethod("of", Map.class)
          .invoke(null, Map.of("ergon.nvml.library", notNvml.toString()));
      Object context = loader.loadClass("dev.ergon.spi.MeterContext")
          .getMethod("of", loader.loadClass("dev.ergon.Configuration")).invoke(null, config);
      Object answer = type.getMethod("probe", loader.loadClass("dev.ergon.spi.MeterContext")).invoke(provider, context);
      assertEquals(loader, answer.getClass().getClassLoader(), "the provider ran inside the recording loader");
      assertTrue(loader.loaded("com.sun.jna.NativeLibrary"), String.valueOf(answer));
    }
  }

  /**
   * A class loader that defines Ergon's, JNA's and JSpecify's classes itself, child first (on the module path the
   * platform loader would hand them to the application loader, where they may be loaded already), and tells what
   * it loaded.
   */
  private static final class RecordingLoader extends URLClassLoader {
    RecordingLoader(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null
            && (name.startsWith("dev.ergon.") || name.startsWith("com.sun.jna.") || name.startsWith("org.jspecify."))) {
          c = findClass(name);
        }
        if (c == null) {
          return super.loadClass(name, resolve);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }
  }
}

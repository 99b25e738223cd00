package dev.ergon.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A researcher's own JMH project, separate from this build, depends on {@code ergon-jmh} through the BOM and runs
 * {@code -prof dev.ergon.jmh.EnergyProfiler}: the artifacts of this build are installed into a private local
 * repository (the layout {@code mvn install} writes), everything else comes from the shared one, read as a mirror,
 * so nothing is installed into the shared repository.
 */
class ExternalProjectIT {

  private static final String VERSION = System.getProperty("ergon.version", "0.1.0-SNAPSHOT");
  private static final Path ROOT = Path.of(System.getProperty("ergon.root", "..")).toAbsolutePath().normalize();
  private static final Path SHARED = Path.of(System.getProperty("ergon.shared.repo",
      System.getProperty("user.home") + "/.m2/repository"));

  private static void install(Path repo, String artifactId, Path pom, @org.jspecify.annotations.Nullable Path jar)
      throws IOException {
    Path dir = Files.createDirectories(repo.resolve("dev/ergon").resolve(artifactId).resolve(VERSION));
    Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      assertTrue(Files.isRegularFile(jar), jar + " is built before the integration tests");
      Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void module(Path repo, String artifactId, String dir) throws IOException {
    Path m = ROOT.resolve(dir);
    install(repo, artifactId, m.resolve("pom.xml"), m.resolve("target").resolve(artifactId + "-" + VERSION + ".jar"));
    // Every published artifact comes with its sources and its javadoc, as `mvn install` would put them beside it.
    Path target = Files.createDirectories(repo.resolve("dev/ergon").resolve(artifactId).resolve(VERSION));
    for (String[] c : new String[][] {{"sources", "module-info.java"}, {"javadoc", "index.html"}}) {
      Path jar = m.resolve("target").resolve(artifactId + "-" + VERSION + "-" + c[0] + ".jar");
      assertTrue(Files.isRegularFile(jar), jar + " is built by `mvn package`");
      try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
        assertTrue(z.getEntry(c[1]) != null, jar + " lacks " + c[1]);
      }
      Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String run(Path dir, List<String> command, int timeoutSeconds) throws Exception {
    Path log = dir.resolve("log-" + System.nanoTime() + ".txt");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish: " + Files.readString(log));
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
    return out;
  }

  @Test
  void aSeparateJmhProjectRunsTheProfilerFromTheInstalledArtifact(@TempDir Path dir) throws Exception {
    Path repo = Files.createDirectories(dir.resolve("m2"));
    install(repo, "ergon-parent", ROOT.resolve("pom.xml"), null);
    install(repo, "ergon-bom", ROOT.resolve("bom/pom.xml"), null);
    module(repo, "ergon-core", "core");
    module(repo, "ergon-meter-powercap", "meters/powercap");
    module(repo, "ergon-meter-nvml", "meters/nvml");
    module(repo, "ergon-meter-estimate", "meters/estimate");
    module(repo, "ergon-jmh", "jmh");

    Path project = Files.createDirectories(dir.resolve("tiny"));
    Files.writeString(dir.resolve("settings.xml"), "<settings><mirrors><mirror><id>shared</id><mirrorOf>*</mirrorOf>"
        + "<url>" + SHARED.toUri() + "</url></mirror></mirrors></settings>");
    Files.writeString(project.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>org.example</groupId>
          <artifactId>tiny-jmh</artifactId>
          <version>1</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>dev.ergon</groupId>
                <artifactId>ergon-bom</artifactId>
                <version>VERSION</version>
                <type>pom</type>
                <scope>import</scope>
              </dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
            <dependency>
              <groupId>dev.ergon</groupId>
              <artifactId>ergon-jmh</artifactId>
            </dependency>
            <dependency>
              <groupId>org.openjdk.jmh</groupId>
              <artifactId>jmh-core</artifactId>
              <version>1.37</version>
            </dependency>
            <dependency>
              <groupId>org.openjdk.jmh</groupId>
              <artifactId>jmh-generator-annprocess</artifactId>
              <version>1.37</version>
              <scope>provided</scope>
            </dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin>
                <artifactId>maven-resources-plugin</artifactId>
                <version>3.3.1</version>
              </plugin>
              <plugin>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>3.14.0</version>
              </plugin>
            </plugins>
          </build>
        </project>
        """.replace("VERSION", VERSION));
    Path src = Files.createDirectories(project.resolve("src/main/java/org/example"));
    Files.writeString(src.resolve("Tiny.java"), """
        package org.example;

        import org.openjdk.jmh.annotations.Benchmark;
        import org.openjdk.jmh.annotations.Scope;
        import org.openjdk.jmh.annotations.State;

        @State(Scope.Thread)
        public class Tiny {
          private long x = 1;

          @Benchmark
          public long spin() {
            return x = x * 6364136223846793005L + 1442695040888963407L;
          }
        }
        """);
    // Compiled against the private repository, then run the way a JMH project is run from Maven (exec:exec with
    // the project's class path), in a forked benchmark JVM.
    String jmhArgs = String.join(" ", "-Djmh.ignoreLock=true", "-cp", "%classpath", "org.openjdk.jmh.Main",
        "org.example.Tiny", "-f", "1", "-wi", "0", "-i", "1", "-r", "500ms",
        "-prof", "dev.ergon.jmh.EnergyProfiler:meters=estimate", "-rf", "json", "-rff", "out.json");
    String out = run(project, List.of("mvn", "-B", "-nsu", "-s", dir.resolve("settings.xml").toString(),
        "-Dmaven.repo.local=" + repo, "compile", "org.codehaus.mojo:exec-maven-plugin:3.5.0:exec",
        "-Dexec.executable=" + Path.of(System.getProperty("java.home"), "bin", "java"), "-Dexec.args=" + jmhArgs),
        600);
    assertTrue(Files.isRegularFile(repo.resolve("dev/ergon/ergon-jmh/" + VERSION + "/ergon-jmh-" + VERSION
        + ".jar")));
    String json = Files.readString(project.resolve("out.json"));
    assertTrue(json.contains("\"ergon.energy\""), out + json);
    assertTrue(json.contains("\"ergon.energy.cpu/model\""), json);
    assertTrue(json.contains("\"ergon.provenance\""), json);
  }
}

package dev.ergon.meter.estimate.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Idle and full power of GPU models, from Cloud Carbon Footprint ({@code gpu-models.csv}, Teads data), matched by
 * the model's number word: {@code A100}, {@code NVIDIA A100-SXM4-40GB} and {@code Tesla A100} all find
 * {@code NVIDIA A100}.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class GpuCatalog {

  /**
   * One GPU model.
   *
   * @param name the catalogue name, e.g. {@code NVIDIA A100}
   * @param idleWatts power at 0 % utilisation, in W
   * @param maxWatts power at 100 % utilisation, in W
   */
  public record Gpu(String name, double idleWatts, double maxWatts) {}

  private final Map<String, Gpu> byModelWord;

  private GpuCatalog(Map<String, Gpu> byModelWord) {
    this.byModelWord = byModelWord;
  }

  /**
   * Loads the shipped catalogue.
   *
   * @return the catalogue
   * @throws IllegalStateException if the resource is malformed, naming the line
   */
  public static GpuCatalog load() {
    Map<String, Gpu> map = new LinkedHashMap<>();
    for (CsvRows.Row row : CsvRows.resource("gpu-models.csv")) {
      try {
        String name = row.fields().get(0).strip();
        Gpu gpu = new Gpu(name, Double.parseDouble(row.fields().get(1).strip()),
            Double.parseDouble(row.fields().get(2).strip()));
        map.put(modelWord(name), gpu);
      } catch (RuntimeException e) {
        throw new IllegalStateException("gpu-models.csv:" + row.line() + ": malformed row " + row.fields(), e);
      }
    }
    return new GpuCatalog(map);
  }

  private static String modelWord(String name) {
    for (String w : words(name)) {
      if (w.chars().anyMatch(Character::isDigit)) {
        return w;
      }
    }
    throw new IllegalArgumentException("GPU name '" + name + "' has no model number");
  }

  private static List<String> words(String name) {
    List<String> out = new ArrayList<>();
    for (String w : name.toLowerCase(Locale.ROOT).split("[^a-z0-9.]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * Finds a GPU model.
   *
   * @param model the configured name, e.g. {@code A100} or {@code NVIDIA Tesla T4}
   * @return the model, if catalogued
   */
  public Optional<Gpu> find(String model) {
    for (String w : words(model)) {
      Gpu g = byModelWord.get(w);
      if (g != null) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the catalogued names, for messages.
   *
   * @return the names
   */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    byModelWord.values().forEach(g -> names.add(g.name()));
    return names;
  }
}

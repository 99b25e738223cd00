package dev.ergon;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a channel measures.
 *
 * @since 0.1
 */
public enum ChannelKind {
  /** A CPU package (socket, or die of a multi-die package). */
  CPU_PACKAGE(EnumSet.of(Component.CPU)),
  /** DRAM attached to a socket (RAPL DRAM domain; not part of the package). */
  DRAM(EnumSet.of(Component.MEMORY)),
  /** The whole platform or SoC (RAPL {@code psys}): includes packages and DRAM. */
  PLATFORM(EnumSet.of(Component.CPU, Component.MEMORY)),
  /** A GPU (a whole physical device; MIG slices are not separated). */
  GPU(EnumSet.of(Component.GPU)),
  /** Main memory as a whole, from a model. */
  MEMORY(EnumSet.of(Component.MEMORY)),
  /** A processor as a whole, from a model (utilisation times watts). */
  MODEL_CPU(EnumSet.of(Component.CPU));

  @SuppressWarnings("ImmutableEnumChecker") // Set.copyOf is unmodifiable; Guava's ImmutableSet is not a dependency
  private final Set<Component> components;

  ChannelKind(EnumSet<Component> components) {
    this.components = Set.copyOf(components);
  }

  /**
   * Returns the components whose energy this kind of channel includes.
   *
   * @return an immutable set
   */
  public Set<Component> components() {
    return components;
  }
}

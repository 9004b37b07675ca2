package org.ntk4j.stax;

import java.util.List;

/**
 * One parameter of a layer in the text spec: its name, its default (none: required, or absent
 * when it may be left out), and for word parameters the words it accepts. The spec parser
 * checks arguments against these and the docs list them from here.
 *
 * @param name the argument name, as in neural-tangents
 * @param fallback the value when the argument is not given, or null
 * @param optional whether it may be left out without a default (e.g. no bias)
 * @param choices the words a word parameter accepts (empty for numbers)
 * @param note a few words for the docs, or null
 */
public record Param(String name, Object fallback, boolean optional, List<String> choices,
    String note) {

  public Param {
    choices = List.copyOf(choices);
  }

  /** A number, integer or list of numbers the spec must give. */
  static Param required(String name) {
    return new Param(name, null, false, List.of(), null);
  }

  /** A number with a default. */
  static Param number(String name, double fallback) {
    return new Param(name, fallback, false, List.of(), null);
  }

  /** A number that may be left out (or given as {@code none}), meaning {@code note}. */
  static Param optional(String name, String note) {
    return new Param(name, null, true, List.of(), note);
  }

  /** One of the given words; the first is the default. */
  static Param choice(String name, String... choices) {
    return new Param(name, choices[0], false, List.of(choices), null);
  }

  /** The same parameter with a note for the docs, e.g. its range. */
  Param withNote(String text) {
    return new Param(name, fallback, optional, choices, text);
  }

  /** Whether the spec must give this argument. */
  public boolean required() {
    return fallback == null && !optional;
  }
}

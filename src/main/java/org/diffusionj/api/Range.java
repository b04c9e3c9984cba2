package org.diffusionj.api;

import java.util.Locale;

/**
 * The valid values of one numeric option, declared once: the API checks options against it, and the ImageJ
 * commands check macro keys and dialog fields against the same object (naming the macro key instead).
 *
 * @param name  the option's name in messages
 * @param min   the smallest valid value
 * @param max   the largest valid value
 * @param whole whether only whole numbers are valid
 */
public record Range(String name, double min, double max, boolean whole) {

    /** Whole numbers in [{@code min}, {@code max}]. */
    public static Range whole(String name, long min, long max) {
        return new Range(name, min, max, true);
    }

    /** Finite numbers in [{@code min}, {@code max}]. */
    public static Range number(String name, double min, double max) {
        return new Range(name, min, max, false);
    }

    /** Whether {@code value} is valid. */
    public boolean contains(double value) {
        return Double.isFinite(value) && value >= min && value <= max && (!whole || value == Math.rint(value));
    }

    /** {@code value}, or an IllegalArgumentException naming the option {@code as} it is known to the caller. */
    public double check(String as, double value) {
        if (!contains(value)) {
            throw new IllegalArgumentException(as + " must be " + (whole ? "a whole number " : "") + "between "
                    + format(min) + " and " + format(max) + ", got " + format(value));
        }
        return value;
    }

    /** {@code value}, or an IllegalArgumentException naming the option by {@link #name}. */
    public double check(double value) {
        return check(name, value);
    }

    /** "[min, max]" as the docs show it. */
    @Override
    public String toString() {
        return "[" + format(min) + ", " + format(max) + "]";
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}

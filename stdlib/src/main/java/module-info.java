/**
 * The function SPI ({@code io.motif.function}: scalar and aggregate functions, their registry and
 * the value rules) and the standard library, registered through {@link java.util.ServiceLoader}.
 */
module io.motif.stdlib {
  requires re2j;

  exports io.motif.function;

  uses io.motif.function.FunctionProvider;

  provides io.motif.function.FunctionProvider with
      io.motif.stdlib.StandardLibrary;
}

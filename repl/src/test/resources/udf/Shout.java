package udf;

import io.motif.function.FunctionProvider;
import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import java.util.List;

/** A user function, compiled and jarred by the test: shout(s) is s in capitals with a "!". */
public final class Shout implements FunctionProvider {
  @Override
  public List<ScalarFunction> scalars() {
    return List.of(new ScalarFunction() {
      public String name() {
        return "shout";
      }

      public List<Signature> signatures() {
        return List.of(Signature.of(Type.STRING, Type.STRING));
      }

      public Object apply(Object[] args) {
        return args[0].toString().toUpperCase() + "!";
      }
    });
  }
}

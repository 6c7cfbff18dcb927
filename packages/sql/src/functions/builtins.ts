/** The registry with every built-in function; each session copies it before adding its own UDFs. */
import { registerMoreBuiltins } from './builtins-more.js';
import { registerScalarBuiltins } from './builtins-scalar.js';
import { FunctionRegistry } from './registry.js';

/** A fresh registry with all built-ins (cheap enough to build per TableEnvironment). */
export function createBuiltinRegistry(): FunctionRegistry {
  const r = new FunctionRegistry();
  registerScalarBuiltins(r);
  registerMoreBuiltins(r);
  return r;
}

/**
 * Binding powers, from Calcite's SqlStdOperatorTable so that expressions group as they do in Flink:
 * OR 22 < AND 24 < NOT 26 < IS ... 28 < comparison, IS DISTINCT FROM 30 < BETWEEN, LIKE, SIMILAR, IN 32 < + - 40
 * < || * / % 60 < unary + - 80 < [] . 100. (Calcite gives `||` the precedence of `*`.)
 */
export const BP = {
  OR: 22,
  AND: 24,
  NOT: 26,
  IS: 28,
  COMPARE: 30,
  BETWEEN: 32,
  ADD: 40,
  MUL: 60,
  UNARY: 80,
  POSTFIX: 100,
} as const;

// The Motif lexer. Keywords are case-insensitive (the option below); identifiers keep their case.
// Deliberately loose: durations are a number followed by a unit word and are recognised by the
// parser, so the AST builder can say "unknown duration unit 'mins'" instead of a token error.
lexer grammar MotifLexer;

options { caseInsensitive = true; }

// Statement and clause keywords.
EVENT     : 'event';
CONST     : 'const';
PATTERN   : 'pattern';
TEST      : 'test';
PARTITION : 'partition';
BY        : 'by';
MATCH     : 'match';
WHERE     : 'where';
WITHIN    : 'within';
AFTER     : 'after';
SKIP_     : 'skip';
EMIT      : 'emit';
ON        : 'on';
TIMEOUT   : 'timeout';
GIVEN     : 'given';
EXPECT    : 'expect';
NOTHING   : 'nothing';
AT        : 'at';
// `internal pattern`, one token: `internal` alone stays a name (a field, a binding), and a
// statement that starts with it is never read as the end of the statement before.
INTERNAL_PATTERN : 'internal' [ \t\r\n]+ 'pattern';

// Expression keywords.
NOT     : 'not';
AND     : 'and';
OR      : 'or';
IN      : 'in';
BETWEEN : 'between';
IS      : 'is';
NULL    : 'null';
LIKE    : 'like';
MATCHES : 'matches';
TRUE    : 'true';
FALSE   : 'false';

// Pattern operators.
ARROW_ANY : '->>';
ARROW     : '->';
STRICT    : '=>';

EQ     : '==';
ASSIGN : '=';
NEQ    : '!=';
LTGT   : '<>';
LE     : '<=';
GE     : '>=';
LT     : '<';
GT     : '>';
CONCAT : '||';
BAR    : '|';
AMP    : '&';
PLUS   : '+';
MINUS  : '-';
STAR   : '*';
SLASH  : '/';
PERCENT: '%';
QUESTION : '?';
COLON  : ':';
SEMI   : ';';
COMMA  : ',';
DOT    : '.';
LPAREN : '(';
RPAREN : ')';
LBRACE : '{';
RBRACE : '}';

FLOAT
  : DIGITS '.' DIGITS EXPONENT?
  | DIGITS EXPONENT
  ;
INTEGER : DIGITS;

STRING
  : '\'' ( ESC | ~['\\\r\n] )* '\''
  | '"' ( ESC | ~["\\\r\n] )* '"'
  ;

IDENT   : [a-z_] [a-z_0-9]*;
QUOTED_IDENT : '`' ~[`\r\n]+ '`';

LINE_COMMENT  : '--' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
WS : [ \t\r\n\f]+ -> channel(HIDDEN);

// Lexed so the parser can name them: an unterminated string, comment or quoted name, and any
// stray character.
UNTERMINATED_STRING : ( '\'' ( ESC | ~['\\\r\n] )* | '"' ( ESC | ~["\\\r\n] )* ) ;
// No `*/` inside: the lexer takes the longest match, so `'/*' .*? EOF` would swallow every comment.
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
UNTERMINATED_QUOTED_IDENT : '`' ~[`\r\n]* ;
// A name with letters outside ASCII (`Größe`, `température`), lexed whole so the parser takes it
// as a name and the error is one: write it in backquotes.
NON_ASCII_IDENT : ( [a-z_] [a-z_0-9]* )? NON_ASCII_LETTER ( [a-z_0-9] | NON_ASCII_LETTER )* ;
fragment NON_ASCII_LETTER
  : [\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2C00-\u2FFF\u3040-\uD7FF\uF900-\uFDFF\uFE70-\uFEFF\uFF21-\uFF3A\uFF41-\uFF5A\uFF66-\uFFDC]
  ;
// The parser reads UTF-16 code units (so offsets match Java strings): a surrogate pair is one character.
UNKNOWN_CHAR : [\uD800-\uDBFF] [\uDC00-\uDFFF] | . ;

fragment DIGITS   : [0-9] [0-9_]*;
fragment EXPONENT : 'e' [+-]? [0-9]+;
fragment ESC      : '\\' ( ['"\\/bfnrt] | 'u' [0-9a-f] [0-9a-f] [0-9a-f] [0-9a-f] | . );

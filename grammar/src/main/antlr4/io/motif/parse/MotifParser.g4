// The Motif parser: action-free, every alternative labelled; the AST builder does all validation.
parser grammar MotifParser;

options { tokenVocab = MotifLexer; }

script : SEMI* (statement SEMI*)* EOF ;

// Standalone entry rules for tests and the REPL.
standaloneStatement : statement SEMI* EOF ;
standalonePattern   : patternExpr EOF ;
standaloneExpression: expression EOF ;
// An event typed alone in the REPL: its time is optional there (it then takes the current one).
standaloneEvent     : eventConstructor (AT time=expression)? EOF ;

statement
  : EVENT name=identifier LPAREN (fieldDecl (COMMA fieldDecl)*)? RPAREN  # eventDecl
  | CONST name=identifier (ASSIGN | EQ) expression                      # constDecl
  | (PATTERN | internal=INTERNAL_PATTERN) name=identifier patternClause* # patternDecl
  | TEST name=STRING LBRACE testGiven testExpect RBRACE                  # testDecl
  ;

fieldDecl : name=identifier type=identifier ;

patternClause
  : PARTITION BY partitionKey (COMMA partitionKey)*        # partitionClause
  | MATCH patternExpr                                      # matchClause
  | WHERE expression                                       # whereClause
  | WITHIN amount=number unit=unitWord?                    # withinClause
  | AFTER MATCH SKIP_ first=identifier second=identifier? target=identifier?  # skipClause
  | EMIT eventConstructor                                  # emitClause
  | ON TIMEOUT EMIT eventConstructor                       # timeoutClause
  ;

partitionKey : identifier (DOT identifier)* ;

eventConstructor : type=identifier LPAREN (fieldValue (COMMA fieldValue)*)? RPAREN ;
fieldValue : name=identifier COLON expression ;

// Precedence, loosest first: `|`, `&`, the arrows, repetition.
patternExpr : patternAnd (BAR patternAnd)* ;
patternAnd  : patternSeq (AMP patternSeq)* ;
patternSeq  : patternUnit (arrow patternUnit)* ;
arrow : ARROW | ARROW_ANY | STRICT ;

patternUnit
  : NOT atom                         # negatedUnit
  | patternPrimary quantifier*       # quantifiedUnit
  ;

patternPrimary
  : atom                             # atomPrimary
  | LPAREN patternExpr RPAREN        # groupPrimary
  ;

atom : (binding=identifier COLON)? type=identifier (LPAREN expression? RPAREN)? ;

quantifier
  : PLUS                                              # plusQuantifier
  | STAR                                              # starQuantifier
  | QUESTION                                          # optionalQuantifier
  | LBRACE min=INTEGER RBRACE                         # exactQuantifier
  | LBRACE min=INTEGER COMMA RBRACE                   # atLeastQuantifier
  | LBRACE min=INTEGER COMMA max=INTEGER RBRACE       # rangeQuantifier
  ;

testGiven  : GIVEN eventLiteral* ;
testExpect : EXPECT (NOTHING | eventLiteral*) ;

eventLiteral : eventConstructor AT time=expression ;

// Expressions, tightest first. Values (arithmetic) are their own rule so that `between`'s bounds
// cannot swallow the `and` that follows them.
expression
  : valueExpression                                                   # valueExpr
  | expression op=(EQ | ASSIGN | NEQ | LTGT | LT | LE | GT | GE) expression  # comparisonExpr
  | expression IS NOT? NULL                                           # isNullExpr
  | expression NOT? IN LPAREN expression (COMMA expression)* RPAREN   # inExpr
  | expression NOT? BETWEEN valueExpression AND valueExpression       # betweenExpr
  | expression NOT? LIKE expression                                   # likeExpr
  | expression NOT? MATCHES expression                                # matchesExpr
  | NOT expression                                                    # notExpr
  | expression AND expression                                         # andExpr
  | expression AMP AMP expression                                     # doubleAmpExpr
  | expression OR expression                                          # orExpr
  ;

valueExpression
  : primary                                                           # primaryExpr
  | valueExpression DOT identifier                                    # fieldExpr
  | MINUS valueExpression                                             # negateExpr
  | PLUS valueExpression                                              # plusExpr
  | valueExpression op=(STAR | SLASH | PERCENT) valueExpression       # multiplicativeExpr
  | valueExpression op=(PLUS | MINUS | CONCAT) valueExpression        # additiveExpr
  ;

primary
  : number unit=unitWord                                    # durationLiteral
  | number                                                  # numberLiteral
  | STRING                                                  # stringLiteral
  | (TRUE | FALSE)                                          # booleanLiteral
  | NULL                                                    # nullLiteral
  | function=identifier LPAREN (expression (COMMA expression)*)? RPAREN   # callExpr
  | identifier                                              # nameExpr
  | LPAREN expression RPAREN                                # parenExpr
  ;

number : INTEGER | FLOAT ;

// A duration's unit (or `events`): a plain word. Not a soft keyword, so that a statement starting
// with one (`internal pattern`) is never read as the unit of a number ending the one before.
unitWord : IDENT | QUOTED_IDENT ;

// Soft keywords may serve as names without backquotes where nothing else could stand.
identifier
  : IDENT
  | QUOTED_IDENT
  | NON_ASCII_IDENT  // an error (write it in backquotes), taken as a name to avoid a cascade
  | BY | ON | TIMEOUT | AT | NOTHING | GIVEN | EXPECT | SKIP_ | AFTER
  ;

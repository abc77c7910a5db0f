// The compiler ts-morph ships, loaded with require: importing the package from an ES module
// makes Node scan its CommonJS source for export names first, about 90 ms of every run.
import morph = require("ts-morph");

export import ts = morph.ts;

// app.js — the web pages of `dossier serve` (filled in by the next commit).
"use strict";

;;; scen-mode.el --- Major mode for scen conflict scenarios -*- lexical-binding: t -*-

;; Keywords: languages
;; Package-Requires: ((emacs "24.3"))

;; This file is part of scen.

;;; Commentary:

;; A major mode for .scen files, the declarative language of scen (conflict
;; scenarios evaluated by Monte Carlo): highlighting of the reserved words, roles,
;; builtin functions and distributions, events, numbers (`1_800_000', `25%') and
;; strings; comments from `#' to the end of the line; indentation by braces, two
;; spaces a level as `scen fmt' writes.
;;
;; `make install' puts this file in $(datadir)/emacs/site-lisp.  Then:
;;
;;   (require 'scen-mode)
;;
;; or, to load it only when a .scen file is opened:
;;
;;   (autoload 'scen-mode "scen-mode" "Major mode for scen files." t)
;;   (add-to-list 'auto-mode-alist '("\\.scen\\'" . scen-mode))

;;; Code:

(defgroup scen nil
  "Major mode for scen conflict scenarios."
  :group 'languages
  :prefix "scen-")

(defcustom scen-indent-offset 2
  "Columns of indentation per open brace (2, as `scen fmt' writes)."
  :type 'integer
  :safe #'integerp
  :group 'scen)

;; The reserved words: exactly the keywords of parser/lex.l (tests/editors/run.sh
;; compares them).
(defconst scen-keywords
  '("scenario" "import" "let" "fn" "stake" "actor" "conflict" "vs" "over"
    "sanction" "mediation" "report" "sweep" "from" "to" "if" "then" "else"
    "and" "or" "not" "private" "true" "false")
  "Reserved words of the scen language.")

;; Names with a meaning in one place only; highlighted, not reserved.
(defconst scen-roles
  '("state" "rebels" "defender" "challenger" "population" "intervener" "mediator" "coercer" "patron")
  "The roles an actor may take.")

(defconst scen-builtins
  '("min" "max" "clamp" "abs" "sqrt" "exp" "log" "normal_cdf"
    "uniform" "normal" "lognormal" "beta" "triangular" "bernoulli" "choice")
  "Builtin functions and distributions.")

(defconst scen-events
  '("war" "settled" "provoked" "atrocities" "intervened"
    "rejects" "accepts" "provocation")
  "Events, used in a sanction's `when'.")

(defconst scen-context-words
  '("settlement" "by" "step")
  "Words with a meaning in reports and sweeps.")

(defconst scen-number-regexp
  "\\_<[0-9][0-9_]*\\(?:\\.[0-9][0-9_]*\\)?\\(?:[eE][+-]?[0-9_]+\\)?%?"
  "A number: `100', `0.25', `1e6', `1_800_000', `25%'.")

(defconst scen-font-lock-keywords
  `((,(regexp-opt scen-keywords 'symbols) . font-lock-keyword-face)
    (,(concat "\\_<\\(?:actor\\|stake\\|let\\|fn\\|sanction\\|mediation\\)\\_>"
              "[ \t]+\\(\\(?:\\sw\\|\\s_\\)+\\)")
     1 font-lock-function-name-face)
    (,(regexp-opt scen-roles 'symbols) . font-lock-type-face)
    (,(regexp-opt scen-builtins 'symbols) . font-lock-builtin-face)
    (,(regexp-opt scen-events 'symbols) . font-lock-constant-face)
    (,(regexp-opt scen-context-words 'symbols) . font-lock-preprocessor-face)
    (,scen-number-regexp . font-lock-constant-face))
  "Highlighting for `scen-mode'.")

(defvar scen-mode-syntax-table
  (let ((st (make-syntax-table)))
    (modify-syntax-entry ?# "<" st)
    (modify-syntax-entry ?\n ">" st)
    (modify-syntax-entry ?_ "_" st)
    (modify-syntax-entry ?\" "\"" st)
    (modify-syntax-entry ?\\ "\\" st)
    (modify-syntax-entry ?% "." st)
    (modify-syntax-entry ?~ "." st)
    (modify-syntax-entry ?^ "." st)
    (modify-syntax-entry ?' "." st)
    (modify-syntax-entry ?{ "(}" st)
    (modify-syntax-entry ?} "){" st)
    (modify-syntax-entry ?\( "()" st)
    (modify-syntax-entry ?\) ")(" st)
    (modify-syntax-entry ?\[ "(]" st)
    (modify-syntax-entry ?\] ")[" st)
    st)
  "Syntax table for `scen-mode'.")

(defun scen-indent-level ()
  "The indentation the current line should have: one level per open bracket."
  (save-excursion
    (beginning-of-line)
    (let* ((ppss (syntax-ppss))
           (depth (car ppss)))
      (skip-chars-forward " \t")
      ;; a line that starts with closing brackets goes back one level for each
      (while (and (> depth 0) (memq (char-after) '(?\} ?\) ?\])))
        (setq depth (1- depth))
        (forward-char 1)
        (skip-chars-forward " \t"))
      (* scen-indent-offset (max depth 0)))))

(defun scen-indent-line ()
  "Indent the current line by its brackets."
  (interactive)
  (let ((ppss (save-excursion (syntax-ppss (line-beginning-position)))))
    (unless (nth 3 ppss)		; never inside a string
      (let ((offset (- (current-column) (current-indentation))))
        (indent-line-to (scen-indent-level))
        (when (> offset 0)
          (move-to-column (+ (current-indentation) offset)))))))

;;;###autoload
(define-derived-mode scen-mode prog-mode "Scen"
  "Major mode for scen conflict scenarios (.scen files).

\\{scen-mode-map}"
  :syntax-table scen-mode-syntax-table
  :group 'scen
  (setq-local comment-start "# ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "#+[ \t]*")
  (setq-local indent-line-function #'scen-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width 8)
  (setq-local electric-indent-chars (append "{}()[]" electric-indent-chars))
  (setq-local font-lock-defaults '(scen-font-lock-keywords)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.scen\\'" . scen-mode))

(provide 'scen-mode)

;;; scen-mode.el ends here

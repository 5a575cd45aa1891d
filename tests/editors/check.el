;;; check.el --- run by tests/editors/run.sh: emacs -Q --batch -l scen-mode.el -l check.el FILE...
;; For each .scen file: visiting it turns on scen-mode (auto-mode-alist); stripping every
;; line's indentation and indenting the region gives the file back. Then the faces of a
;; sample. Prints one line per failure, then "checked N"; exits 1 on any failure.
(require 'scen-mode)
(defvar scen-check-failures 0)
(defun scen-check-fail (fmt &rest args)
  (setq scen-check-failures (1+ scen-check-failures))
  (princ (concat (apply #'format fmt args) "\n")))
(let ((n 0) (inhibit-message t))
  (dolist (f command-line-args-left)
    (setq n (1+ n))
    (let ((buf (find-file-noselect f)))
      (with-current-buffer buf
        (unless (eq major-mode 'scen-mode)
          (scen-check-fail "%s: major mode %s" f major-mode))
        (setq buffer-read-only nil)	; the sources are read-only under distcheck
        (let ((orig (buffer-string)))
          (goto-char (point-min))
          (while (re-search-forward "^[ \t]+" nil t) (replace-match ""))
          (indent-region (point-min) (point-max))
          (unless (string= orig (buffer-string))
            (let ((i (or (compare-strings orig nil nil (buffer-string) nil nil) 0)))
              (goto-char (min (point-max) (abs i)))
              (scen-check-fail "%s:%d: re-indented as \"%s\"" f (line-number-at-pos)
                               (buffer-substring (line-beginning-position) (line-end-position))))))
        (set-buffer-modified-p nil))
      (kill-buffer buf)))
  (setq command-line-args-left nil)
  (with-temp-buffer
    (insert "actor kla : rebels {  # comment\n  cost ~ uniform(5, 15) private\n"
            "  toll = 1_000%\n  x = clamp(1, 0, 2)\n  s = \"a # b\"\n}\n"
            "sanction s { when = atrocities and provoked }\n")
    (scen-mode)
    (font-lock-ensure)
    (dolist (probe '(("actor" . font-lock-keyword-face) ("kla" . font-lock-function-name-face)
                     ("rebels" . font-lock-type-face) ("comment" . font-lock-comment-face)
                     ("uniform" . font-lock-builtin-face) ("private" . font-lock-keyword-face)
                     ("1_000%" . font-lock-constant-face) ("clamp" . font-lock-builtin-face)
                     ("\"a # b\"" . font-lock-string-face) ("atrocities" . font-lock-constant-face)
                     ("and" . font-lock-keyword-face)))
      (goto-char (point-min))
      (search-forward (car probe))
      (dolist (pos (list (match-beginning 0) (1- (match-end 0))))
        (let ((face (get-text-property pos 'face)))
          (unless (if (listp face) (memq (cdr probe) face) (eq face (cdr probe)))
            (scen-check-fail "face of %S at %d: %S, not %S" (car probe) pos face (cdr probe)))))))
  (princ (format "checked %d\n" n))
  (kill-emacs (if (> scen-check-failures 0) 1 0)))
;;; check.el ends here

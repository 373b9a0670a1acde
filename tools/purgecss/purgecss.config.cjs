// Trims Bootstrap (vendored whole beside this file by scripts/vendor-frontend.sh) to the selectors WuHao's pages
// can use: every class-like word in the Razor views, in the C# that builds class names (badges, lights, cells) and in
// the scripts that toggle classes (issue 14: a phone on a rural link parses 43 KB of CSS, not 232 KB).
// Paths are relative to the repository root; run through scripts/trim-bootstrap.sh.
module.exports = {
  css: ['tools/purgecss/bootstrap.min.css'],
  content: [
    'src/WuHao.Web/**/*.cshtml',
    'src/WuHao.Web/**/*.cs',
    'src/WuHao.Web/wwwroot/js/*.js',
  ],
  // Code that builds no markup is not scanned: its words (a bulk writer's "shadow" property) would keep selectors.
  skippedContentGlobs: ['src/WuHao.Web/bin/**', 'src/WuHao.Web/obj/**', 'src/WuHao.Web/Data/**', 'src/WuHao.Web/Cli/**'],
  // Custom properties and keyframes no kept rule refers to go too.
  variables: true,
  keyframes: true,
};

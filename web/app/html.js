// The view toolkit: Preact's core and htm, from our own origin.
//
// Only Preact's core is used: preact/hooks/dist/hooks.mjs imports the bare
// specifier "preact", which a browser resolves only through an import map,
// and the CSP forbids the inline <script type="importmap"> that would need.
// Components are therefore classes with this.state / setState (see
// docs/web.md). htm turns tagged templates into h() calls, so there is no
// build step: these files are what the browser runs.
import { h, render, Component, Fragment, createRef } from '/vendor/preact/dist/preact.mjs';
import htm from '/vendor/htm/dist/htm.module.js';

export const html = htm.bind(h);
export { h, render, Component, Fragment, createRef };

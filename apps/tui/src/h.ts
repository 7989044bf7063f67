import { createElement } from "react";

// Node runs .ts directly but not JSX, so components call createElement through this short name.
export const h = createElement;

// The parts of @kubernetes/client-node that store's own code uses, imported by name so a bundle
// keeps only these. Callers load this module with import() on first use: a ferryd that makes no
// kube call never loads client-node for store (issue 16, idle RSS). An `import()` of the package
// itself would make a bundler keep every module of it.
export { AppsV1Api, Watch } from "@kubernetes/client-node";

/** Placeholder until the page lands (issue 4 in progress). */
export default function WorkOrderDetailPage() {
  return null;
}

export default function Page() {
  return <main>Planstream</main>;
}

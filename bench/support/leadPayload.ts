/** The lead the records bench writes, the same on both sides of the comparison. */
export function payload(i: number) {
  return {
    name: `Lead ${i}`,
    email: `lead${i}@example.com`,
    company_name: `Company ${i % 300}`,
    industry: ['saas', 'manufacturing', 'retail'][i % 3],
    employees: (i * 37) % 5000,
    region: ['north', 'east', 'south', 'west'][i % 4],
    title: 'CTO',
  };
}

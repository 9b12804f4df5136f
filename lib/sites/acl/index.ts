/** ACL Anthology: person pages (2023 and 2026 markup) and paper pages. */
import { defineSite } from '../types';
import { ACL_HOSTS } from './common';
import { aclPaper } from './paper';
import { aclPerson } from './person';

export const acl = defineSite({
  id: 'acl',
  label: 'ACL Anthology',
  hosts: [...ACL_HOSTS],
  adapters: [aclPerson, aclPaper],
});
